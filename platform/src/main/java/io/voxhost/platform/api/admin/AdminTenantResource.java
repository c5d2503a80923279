package io.voxhost.platform.api.admin;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.service.ApiKeyInfo;
import io.voxhost.platform.service.ApiKeyService;
import io.voxhost.platform.service.IssuedKey;
import io.voxhost.platform.service.ResourceNotFound;
import io.voxhost.platform.service.TenantService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants and their keys, managed with an admin key. */
@Path("/api/v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "apiKey")
public class AdminTenantResource {

  private final AuthenticatedClient client;
  private final TenantService tenants;
  private final ApiKeyService keys;

  AdminTenantResource(AuthenticatedClient client, TenantService tenants, ApiKeyService keys) {
    this.client = client;
    this.tenants = tenants;
    this.keys = keys;
  }

  @POST
  public Response create(@Valid @NotNull TenantRequest body, UriInfo uri) {
    client.requireAdmin();
    TenantView created = TenantView.of(tenants.create(body.slug(), body.name(), body.sipDomain()));
    return Response.created(uri.getAbsolutePathBuilder().path(created.slug()).build())
        .entity(created)
        .build();
  }

  @GET
  public List<TenantView> list() {
    client.requireAdmin();
    return tenants.all().stream().map(TenantView::of).toList();
  }

  @GET
  @Path("{slug}")
  public TenantView get(@PathParam("slug") String slug) {
    client.requireAdmin();
    return tenants
        .bySlug(slug)
        .map(TenantView::of)
        .orElseThrow(() -> new ResourceNotFound("no tenant with slug '" + slug + "'"));
  }

  @PATCH
  @Path("{slug}")
  public TenantView update(@PathParam("slug") String slug, @Valid @NotNull TenantPatch body) {
    client.requireAdmin();
    return TenantView.of(
        tenants.update(slug, body.name(), body.sipDomain(), body.sipRegisterAuth()));
  }

  @POST
  @Path("{slug}/keys")
  public Response issueKey(
      @PathParam("slug") String slug, @Valid @NotNull KeyRequest body, UriInfo uri) {
    client.requireAdmin();
    IssuedKey key = keys.issueForTenant(slug, body.label().strip());
    return Response.created(uri.getAbsolutePathBuilder().path(key.prefix()).build())
        .entity(key)
        .build();
  }

  @GET
  @Path("{slug}/keys")
  public List<ApiKeyInfo> listKeys(@PathParam("slug") String slug) {
    client.requireAdmin();
    return keys.listForTenant(slug);
  }

  @DELETE
  @Path("{slug}/keys/{prefix}")
  public ApiKeyInfo revokeKey(@PathParam("slug") String slug, @PathParam("prefix") String prefix) {
    client.requireAdmin();
    return keys.revoke(slug, prefix);
  }
}
