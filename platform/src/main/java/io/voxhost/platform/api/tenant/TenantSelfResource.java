package io.voxhost.platform.api.tenant;

import io.smallrye.mutiny.Uni;
import io.voxhost.platform.api.OffEventLoop;
import io.voxhost.platform.api.admin.KeyRequest;
import io.voxhost.platform.api.admin.TenantView;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.service.ApiKeyInfo;
import io.voxhost.platform.service.ApiKeyService;
import io.voxhost.platform.service.IssuedKey;
import io.voxhost.platform.service.ResourceNotFound;
import io.voxhost.platform.service.Tenant;
import io.voxhost.platform.service.TenantService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a tenant key may see and do about its own tenant: who it is, and its keys. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tenant")
@SecurityRequirement(name = "apiKey")
public class TenantSelfResource {

  private final AuthenticatedClient client;
  private final TenantService tenants;
  private final ApiKeyService keys;

  TenantSelfResource(AuthenticatedClient client, TenantService tenants, ApiKeyService keys) {
    this.client = client;
    this.tenants = tenants;
    this.keys = keys;
  }

  /**
   * On the event loop: the tenant comes from memory when this node read it within {@code
   * voxhost.tenant-cache-ttl}, and only otherwise from the database, on a worker.
   */
  @GET
  @Path("tenant")
  public Uni<TenantView> me() {
    UUID id = client.tenantId();
    Optional<Tenant> known = tenants.recentInMemory(id);
    if (known.isPresent()) {
      return Uni.createFrom().item(TenantView.of(known.get()));
    }
    return OffEventLoop.call(() -> tenants.recent(id)).map(TenantSelfResource::view);
  }

  @GET
  @Path("keys")
  public List<ApiKeyInfo> keys() {
    return keys.listForTenant(client.tenantId());
  }

  @POST
  @Path("keys")
  public Response issue(@Valid @NotNull KeyRequest body, UriInfo uri) {
    String slug = view(tenants.recent(client.tenantId())).slug();
    IssuedKey key = keys.issueForTenant(slug, body.label().strip());
    return Response.created(uri.getAbsolutePathBuilder().path(key.prefix()).build())
        .entity(key)
        .build();
  }

  @GET
  @Path("keys/{prefix}")
  public ApiKeyInfo key(@PathParam("prefix") String prefix) {
    return keys.get(client.tenantId(), prefix);
  }

  @DELETE
  @Path("keys/{prefix}")
  public ApiKeyInfo revoke(@PathParam("prefix") String prefix) {
    return keys.revoke(client.tenantId(), prefix);
  }

  private static TenantView view(Optional<Tenant> tenant) {
    return tenant
        .map(TenantView::of)
        .orElseThrow(() -> new ResourceNotFound("this key's tenant no longer exists"));
  }
}
