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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a tenant key may see and do about its own tenant: who it is, and its keys. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
    name = "tenant",
    description =
        "What a tenant key may see and do about its own tenant: who it is, and its API keys"
            + " (rotation).")
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description =
        "The key is an admin key (these operations act for the key's own tenant), or its scope"
            + " is not full (only a full key manages keys).")
public class TenantSelfResource {

  private static final String PREFIX = "The key's prefix: vx_ and its next 8 characters";
  private static final String NO_KEY = "The tenant has no key with that prefix.";

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
  @Operation(
      summary = "Show the caller's tenant",
      description =
          "The tenant the key belongs to. Answered from memory when this node read it within"
              + " voxhost.tenant-cache-ttl (5 s), so a change made on another node shows within"
              + " that time.")
  @APIResponse(responseCode = "200", description = "The caller's tenant")
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
  @Operation(
      summary = "List the tenant's keys",
      description =
          "Every key of the caller's tenant with its scope, revoked ones included; never their"
              + " secrets. Needs a full key.")
  @APIResponse(responseCode = "200", description = "The tenant's keys")
  public List<ApiKeyInfo> keys() {
    return keys.listForTenant(client.tenantId());
  }

  @POST
  @Path("keys")
  @Operation(
      summary = "Issue another key",
      description =
          "Makes another key for the caller's tenant, so that an old one can be revoked"
              + " (rotation), or a narrower one for a system that needs less (scope read-only or"
              + " recordings-read; full when left out). Needs a full key. The answer is the only"
              + " time the whole key is shown. Location names the key by its prefix.")
  @APIResponseSchema(
      value = IssuedKey.class,
      responseCode = "201",
      responseDescription = "The new key, with its secret")
  @APIResponse(
      responseCode = "400",
      description =
          "The label is missing, blank, too long or holds control characters, or the scope is"
              + " unknown.")
  public Response issue(
      @RequestBody(description = "What the key is for and what it may do", required = true)
          @Valid
          @NotNull
          KeyRequest body,
      UriInfo uri) {
    String slug = view(tenants.recent(client.tenantId())).slug();
    IssuedKey key = keys.issueForTenant(slug, body.label().strip(), body.keyScope());
    return Response.created(uri.getAbsolutePathBuilder().path(key.prefix()).build())
        .entity(key)
        .build();
  }

  @GET
  @Path("keys/{prefix}")
  @Operation(
      summary = "Show a key",
      description =
          "One of the tenant's keys: its label, scope, when it was made, last used and revoked.")
  @APIResponse(responseCode = "200", description = "The key, without its secret")
  @APIResponse(responseCode = "404", description = NO_KEY)
  public ApiKeyInfo key(@Parameter(description = PREFIX) @PathParam("prefix") String prefix) {
    return keys.get(client.tenantId(), prefix);
  }

  @DELETE
  @Path("keys/{prefix}")
  @Operation(
      summary = "Revoke a key",
      description =
          "Revokes one of the tenant's keys, the calling one included: this node refuses it at"
              + " once, other nodes within voxhost.auth.key-cache-ttl. Revoking a revoked key"
              + " changes nothing.")
  @APIResponse(responseCode = "200", description = "The key, with the time it was revoked")
  @APIResponse(responseCode = "404", description = NO_KEY)
  public ApiKeyInfo revoke(@Parameter(description = PREFIX) @PathParam("prefix") String prefix) {
    return keys.revoke(client.tenantId(), prefix);
  }

  private static TenantView view(Optional<Tenant> tenant) {
    return tenant
        .map(TenantView::of)
        .orElseThrow(() -> new ResourceNotFound("this key's tenant no longer exists"));
  }
}
