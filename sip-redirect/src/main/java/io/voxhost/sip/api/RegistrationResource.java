package io.voxhost.sip.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.service.ResourceNotFound;
import io.voxhost.platform.service.Tenants;
import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.LocationStore;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's live registrations, read from this node's location index (which follows the
 * database), and the force-unregister.
 */
@Path("/api/v1/sip/registrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = SipTag.NAME, description = SipTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is an admin key: these operations act for the key's own tenant.")
public class RegistrationResource {

  private final AuthenticatedClient client;
  private final LocationStore locations;
  private final Tenants tenants;

  RegistrationResource(AuthenticatedClient client, LocationStore locations, Tenants tenants) {
    this.client = client;
    this.locations = locations;
    this.tenants = tenants;
  }

  /**
   * Live bindings; {@code aor} ({@code alice} or {@code sip:alice@domain}) keeps one
   * address-of-record's.
   */
  @GET
  @Operation(
      summary = "List live registrations",
      description =
          "The tenant's bindings that have not expired, as this node's location index holds them"
              + " (it follows the database); optionally those of one address-of-record.")
  @APIResponse(responseCode = "200", description = "The live bindings, at most limit")
  @APIResponse(responseCode = "400", description = "limit is not 1 to 10000.")
  @APIResponse(
      responseCode = "404",
      description =
          "limit is not a whole number: the request matches no resource (JAX-RS answers a query parameter it cannot"
              + " read so).")
  public List<RegistrationView> list(
      @Parameter(
              description =
                  "Only this address-of-record's bindings: a user (alice) or a SIP URI"
                      + " (sip:alice@domain), of which only the user part is used")
          @QueryParam("aor")
          String aor,
      @Parameter(description = "At most this many bindings, 1 to 10000")
          @QueryParam("limit")
          @DefaultValue("1000")
          @Min(1)
          @Max(10000)
          int limit) {
    Instant now = Instant.now();
    return locations.list(client.tenantId(), userOf(aor), now, limit).stream()
        .map(b -> RegistrationView.of(b, now))
        .toList();
  }

  /** Removes every binding of the address-of-record at once (on every node). */
  @DELETE
  @Path("{aor}")
  @Operation(
      summary = "Force-unregister an address-of-record",
      description =
          "Removes every binding of the address-of-record at once, on every node: calls to it"
              + " find no contact until a phone registers again.")
  @APIResponse(responseCode = "204", description = "Every binding removed")
  @APIResponse(
      responseCode = "404",
      description = "The address-of-record has no live registration.")
  public Response unregister(
      @Parameter(
              description =
                  "The address-of-record: a user (alice) or a SIP URI (sip:alice@domain), of"
                      + " which only the user part is used")
          @PathParam("aor")
          String aor)
      throws Exception {
    UUID tenant = client.tenantId();
    String domain =
        tenants
            .byId(tenant)
            .orElseThrow(() -> new ResourceNotFound("this key's tenant no longer exists"))
            .sipDomain();
    int removed =
        locations
            .removeAll(new AddressOfRecord(tenant, userOf(aor), domain))
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    if (removed == 0) {
      throw new ResourceNotFound("no live registration for '" + aor + "'");
    }
    return Response.noContent().build();
  }

  /** The user part of {@code sip:user@domain}, or the text itself when it is only a user. */
  private static String userOf(String aor) {
    if (aor == null || aor.isBlank()) {
      return null;
    }
    String s = aor.strip();
    if (s.regionMatches(true, 0, "sip:", 0, 4)) {
      s = s.substring(4);
    } else if (s.regionMatches(true, 0, "sips:", 0, 5)) {
      s = s.substring(5);
    }
    int at = s.indexOf('@');
    return at >= 0 ? s.substring(0, at) : s;
  }
}
