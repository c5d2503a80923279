package io.voxhost.tftp.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.tftp.service.SiteService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Variables that devices inherit: the tenant's ({@code settings}) and each site's. */
@Path("/api/v1/provisioning")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ProvisioningTag.NAME, description = ProvisioningTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is an admin key: these operations act for the key's own tenant.")
public class SiteResource {

  private static final String SITE = "The site's name";
  private static final String REACH =
      " The tenant's devices' files change on this node at once, on others from the second fetch"
          + " after voxhost.tftp.device-cache-ttl.";
  private static final String BAD_VARIABLES =
      "A variable's name or value is ill-formed, or there are more than 100; errors names each.";

  private final AuthenticatedClient client;
  private final SiteService sites;

  SiteResource(AuthenticatedClient client, SiteService sites) {
    this.client = client;
    this.sites = sites;
  }

  /** The tenant's settings: {@code {"variables": {...}, "fetchPolicy": "credentials"}}. */
  @Schema(description = "The tenant's variables and who may fetch its devices' files")
  public record Settings(
      @Schema(description = DeviceRequest.VARIABLES + "; absent or null for none")
          Map<String, String> variables,
      @Schema(
              description = FETCH_POLICY + " Absent or null in a PUT keeps the current one.",
              enumeration = {"open", "credentials", "certificate", "network"})
          String fetchPolicy) {}

  /** A site: {@code {"variables": {...}, "networks": ["192.0.2.0/24"]}}. */
  @Schema(description = "A site's variables and the networks its phones are served to")
  public record SiteBody(
      @Schema(description = DeviceRequest.VARIABLES + "; absent or null for none")
          Map<String, String> variables,
      @Schema(
              description =
                  "CIDRs (IPv4 or IPv6, no host bits set, at most 100) outside which the site's"
                      + " devices' files are not served, over TFTP or HTTP: a source outside gets"
                      + " the answer for an unknown name. Empty: any source (unless the tenant's"
                      + " fetchPolicy is network, which then serves none of the site's devices)."
                      + " Absent or null in a PUT keeps the current ones.")
          List<String> networks) {}

  static final String FETCH_POLICY =
      "Who may fetch the tenant's devices' files, which carry their SIP passwords: open (anyone"
          + " who names the MAC), credentials (only over HTTP with the device's httpUser and"
          + " httpPassword; devices without them are not served), certificate (only over HTTPS"
          + " with the phone's factory certificate naming its MAC), network (only from the"
          + " device's site's networks). A tenant that never set it has credentials. Whatever the"
          + " policy, a device with httpUser needs its credentials and a site's networks bound"
          + " where its devices are served.";

  @GET
  @Path("settings")
  @Operation(
      summary = "Show the tenant's variables",
      description =
          "The variables every device of the tenant inherits; a site's override them, a"
              + " device's own override both.")
  @APIResponse(responseCode = "200", description = "The tenant's variables and fetch policy")
  public Settings settings() {
    SiteService.TenantSettings s = sites.tenantSettings(client.tenantId());
    return new Settings(s.variables(), s.fetchPolicy().id());
  }

  @PUT
  @Path("settings")
  @Operation(
      summary = "Replace the tenant's settings",
      description =
          "Replaces every variable the tenant's devices inherit from it, and sets the fetch"
              + " policy if given."
              + REACH)
  @APIResponse(responseCode = "200", description = "The tenant's settings as stored")
  @APIResponse(
      responseCode = "400",
      description = BAD_VARIABLES + " Or fetchPolicy is not one of the four.")
  public Settings putSettings(
      @RequestBody(description = "The new settings; an absent body sets no variables")
          Settings body) {
    SiteService.TenantSettings s =
        sites.putTenantSettings(
            client.tenantId(),
            body == null || body.variables() == null ? Map.of() : body.variables(),
            body == null ? null : body.fetchPolicy());
    return new Settings(s.variables(), s.fetchPolicy().id());
  }

  @GET
  @Path("sites")
  @Operation(
      summary = "List sites",
      description = "The tenant's sites, each with the variables its devices inherit.")
  @APIResponse(responseCode = "200", description = "The tenant's sites")
  public List<SiteService.Site> list() {
    return sites.sites(client.tenantId());
  }

  /** Creates or replaces a site. */
  @PUT
  @Path("sites/{name}")
  @Operation(
      summary = "Create or replace a site",
      description =
          "Creates the site, or replaces the variables of the one of that name, and its networks"
              + " if given."
              + REACH)
  @APIResponse(responseCode = "200", description = "The site as stored")
  @APIResponse(
      responseCode = "400",
      description =
          "The name is not 1 to 64 letters, digits, spaces or . _ -, or a variable's name or value"
              + " is ill-formed, or there are more than 100, or a network is not a CIDR; errors"
              + " names each.")
  public SiteService.Site put(
      @Parameter(description = SITE + ": 1 to 64 letters, digits, spaces or . _ -")
          @PathParam("name")
          String name,
      @RequestBody(description = "The site's variables and networks; an absent body sets none")
          SiteBody body) {
    return sites.put(
        client.tenantId(),
        name,
        body == null || body.variables() == null ? Map.of() : body.variables(),
        body == null ? null : body.networks());
  }

  /** Deletes a site; its devices keep their own variables and lose the site's. */
  @DELETE
  @Path("sites/{name}")
  @Operation(
      summary = "Delete a site",
      description =
          "Deletes the site; its devices keep their own variables and lose the site's." + REACH)
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = "The tenant has no site of that name.")
  public Response delete(@Parameter(description = SITE) @PathParam("name") String name) {
    sites.delete(client.tenantId(), name);
    return Response.noContent().build();
  }
}
