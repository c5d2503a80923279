package io.voxhost.cnam.api.http;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.cnam.service.LookupRules;
import io.voxhost.cnam.service.TenantLookupRules;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.service.InvalidInput;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's caller-name settings: region, name length, providers. */
@Path("/api/v1/cnam/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = CnamTag.NAME, description = CnamTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CnamTag.TENANT_ONLY)
public class SettingsResource {

  static final String REGION =
      "ISO 3166 region (US, GB, DE...) numbers without + are read in; null for the node's"
          + " voxhost.cnam.default-region";
  static final String NAME_LENGTH =
      "Characters of a name shown, 1 to 255 (15 for legacy CNAM); null for the node's"
          + " voxhost.cnam.name-length";
  static final String PROVIDERS =
      "Upstream providers asked, in order, for a number nobody else knows (names from"
          + " availableProviders, at most 10); null for the node's voxhost.cnam.default-providers,"
          + " [] for none";

  private final AuthenticatedClient client;
  private final TenantLookupRules rules;
  private final CnamConfig config;

  SettingsResource(AuthenticatedClient client, TenantLookupRules rules, CnamConfig config) {
    this.client = client;
    this.rules = rules;
    this.config = config;
  }

  /** The settings as stored, what applies, and the providers there are to choose from. */
  @Schema(description = "The tenant's caller-name settings and what applies with them")
  public record SettingsView(
      @Schema(description = REGION) String defaultRegion,
      @Schema(description = NAME_LENGTH) Integer nameLength,
      @Schema(description = PROVIDERS) List<String> providers,
      @Schema(description = "The region in effect (the tenant's or the node's); null for none")
          String regionInEffect,
      @Schema(description = "The name length in effect") int nameLengthInEffect,
      @Schema(description = "The providers in effect, in order") List<String> providersInEffect,
      @Schema(description = "The providers this platform offers")
          List<String> availableProviders) {}

  @GET
  @Operation(
      summary = "Show the caller-name settings",
      description = "The tenant's region, name length and providers, and what applies.")
  @APIResponse(responseCode = "200", description = "The settings")
  public SettingsView get() {
    return view(rules.of(client.tenantId()));
  }

  @PUT
  @Operation(
      summary = "Replace the caller-name settings",
      description =
          "Replaces all three at once: a field left out or null takes the node's default. Applies"
              + " to the next lookup on every node.")
  @APIResponse(responseCode = "200", description = "The settings as stored")
  @APIResponse(
      responseCode = "400",
      description =
          "No body, an unknown region, a name length outside 1 to 255, or a provider this"
              + " platform does not have (or named twice); errors names each")
  public SettingsView put(
      @RequestBody(description = "The settings", required = true) LookupRules body) {
    if (body == null) {
      throw new InvalidInput("a JSON body is required", List.of());
    }
    return view(rules.save(client.tenantId(), body));
  }

  private SettingsView view(LookupRules stored) {
    return new SettingsView(
        stored.defaultRegion(),
        stored.nameLength(),
        stored.providers(),
        rules.region(stored),
        rules.nameLength(stored),
        rules.providers(stored),
        List.copyOf(new TreeSet<>(config.providers().keySet())));
  }
}
