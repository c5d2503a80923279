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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Variables that devices inherit: the tenant's ({@code settings}) and each site's. */
@Path("/api/v1/provisioning")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "provisioning")
@SecurityRequirement(name = "apiKey")
public class SiteResource {

  private final AuthenticatedClient client;
  private final SiteService sites;

  SiteResource(AuthenticatedClient client, SiteService sites) {
    this.client = client;
    this.sites = sites;
  }

  /** A body of variables: {@code {"variables": {"ntpServer": "ntp.example.com"}}}. */
  public record Variables(Map<String, String> variables) {}

  @GET
  @Path("settings")
  public Variables settings() {
    return new Variables(sites.tenantVariables(client.tenantId()));
  }

  @PUT
  @Path("settings")
  public Variables putSettings(Variables body) {
    return new Variables(sites.putTenantVariables(client.tenantId(), variables(body)));
  }

  @GET
  @Path("sites")
  public List<SiteService.Site> list() {
    return sites.sites(client.tenantId());
  }

  /** Creates or replaces a site. */
  @PUT
  @Path("sites/{name}")
  public SiteService.Site put(@PathParam("name") String name, Variables body) {
    return sites.put(client.tenantId(), name, variables(body));
  }

  /** Deletes a site; its devices keep their own variables and lose the site's. */
  @DELETE
  @Path("sites/{name}")
  public Response delete(@PathParam("name") String name) {
    sites.delete(client.tenantId(), name);
    return Response.noContent().build();
  }

  private static Map<String, String> variables(Variables body) {
    return body == null || body.variables() == null ? Map.of() : body.variables();
  }
}
