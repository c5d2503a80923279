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

  /** A body of variables: {@code {"variables": {"ntpServer": "ntp.example.com"}}}. */
  @Schema(description = "Variables for the phones' file templates")
  public record Variables(
      @Schema(description = DeviceRequest.VARIABLES + "; absent or null for none")
          Map<String, String> variables) {}

  @GET
  @Path("settings")
  @Operation(
      summary = "Show the tenant's variables",
      description =
          "The variables every device of the tenant inherits; a site's override them, a"
              + " device's own override both.")
  @APIResponse(responseCode = "200", description = "The tenant's variables")
  public Variables settings() {
    return new Variables(sites.tenantVariables(client.tenantId()));
  }

  @PUT
  @Path("settings")
  @Operation(
      summary = "Replace the tenant's variables",
      description = "Replaces every variable the tenant's devices inherit from it." + REACH)
  @APIResponse(responseCode = "200", description = "The tenant's variables as stored")
  @APIResponse(responseCode = "400", description = BAD_VARIABLES)
  public Variables putSettings(
      @RequestBody(description = "The new variables; an absent body sets none") Variables body) {
    return new Variables(sites.putTenantVariables(client.tenantId(), variables(body)));
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
      description = "Creates the site, or replaces the variables of the one of that name." + REACH)
  @APIResponse(responseCode = "200", description = "The site as stored")
  @APIResponse(
      responseCode = "400",
      description =
          "The name is not 1 to 64 letters, digits, spaces or . _ -, or a variable's name or value"
              + " is ill-formed, or there are more than 100; errors names each.")
  public SiteService.Site put(
      @Parameter(description = SITE + ": 1 to 64 letters, digits, spaces or . _ -")
          @PathParam("name")
          String name,
      @RequestBody(description = "The site's variables; an absent body sets none") Variables body) {
    return sites.put(client.tenantId(), name, variables(body));
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

  private static Map<String, String> variables(Variables body) {
    return body == null || body.variables() == null ? Map.of() : body.variables();
  }
}
