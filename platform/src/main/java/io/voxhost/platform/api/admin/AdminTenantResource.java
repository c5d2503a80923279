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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Tenants and their keys, managed with an admin key. */
@Path("/api/v1/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(
    name = "admin",
    description =
        "Tenants (the businesses on the platform) and their API keys, managed with an admin key:"
            + " a key of no tenant.")
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is a tenant's: these operations need an admin key.")
public class AdminTenantResource {

  private static final String SLUG = "The tenant's slug, such as acme-east";
  private static final String NO_TENANT = "No tenant has that slug.";

  private final AuthenticatedClient client;
  private final TenantService tenants;
  private final ApiKeyService keys;

  AdminTenantResource(AuthenticatedClient client, TenantService tenants, ApiKeyService keys) {
    this.client = client;
    this.tenants = tenants;
    this.keys = keys;
  }

  @POST
  @Operation(
      summary = "Create a tenant",
      description =
          "Creates a business with its slug, display name and SIP domain; its phones'"
              + " REGISTERs are authenticated from the start. Location names the new tenant. It"
              + " has no API key yet: issue one with POST .../{slug}/keys.")
  @APIResponseSchema(
      value = TenantView.class,
      responseCode = "201",
      responseDescription = "The tenant as created")
  @APIResponse(
      responseCode = "400",
      description = "A field is missing, too long or ill-formed; errors names each one.")
  @APIResponse(
      responseCode = "409",
      description =
          "Another tenant has this slug or this SIP domain; errors names the field (slug or"
              + " sipDomain).")
  public Response create(
      @RequestBody(description = "The new tenant", required = true) @Valid @NotNull
          TenantRequest body,
      UriInfo uri) {
    client.requireAdmin();
    TenantView created = TenantView.of(tenants.create(body.slug(), body.name(), body.sipDomain()));
    return Response.created(uri.getAbsolutePathBuilder().path(created.slug()).build())
        .entity(created)
        .build();
  }

  @GET
  @Operation(summary = "List tenants", description = "Every tenant, in slug order.")
  @APIResponse(responseCode = "200", description = "The tenants, in slug order")
  public List<TenantView> list() {
    client.requireAdmin();
    return tenants.all().stream().map(TenantView::of).toList();
  }

  @GET
  @Path("{slug}")
  @Operation(summary = "Show a tenant", description = "One tenant, by its slug.")
  @APIResponse(responseCode = "200", description = "The tenant")
  @APIResponse(responseCode = "404", description = NO_TENANT)
  public TenantView get(@Parameter(description = SLUG) @PathParam("slug") String slug) {
    client.requireAdmin();
    return tenants
        .bySlug(slug)
        .map(TenantView::of)
        .orElseThrow(() -> new ResourceNotFound("no tenant with slug '" + slug + "'"));
  }

  @PATCH
  @Path("{slug}")
  @Operation(
      summary = "Change a tenant",
      description =
          "Changes the display name, the SIP domain, whether its phones' REGISTERs are"
              + " authenticated, or the digest algorithms they are offered; fields left out keep"
              + " their value. The slug cannot change. Other"
              + " nodes see the change within voxhost.tenant-cache-ttl.")
  @APIResponse(responseCode = "200", description = "The tenant as changed")
  @APIResponse(
      responseCode = "400",
      description = "A field is empty, too long or ill-formed; errors names each one.")
  @APIResponse(responseCode = "404", description = NO_TENANT)
  @APIResponse(
      responseCode = "409",
      description = "The SIP domain belongs to another tenant; errors names sipDomain.")
  public TenantView update(
      @Parameter(description = SLUG) @PathParam("slug") String slug,
      @RequestBody(description = "The fields to change", required = true) @Valid @NotNull
          TenantPatch body) {
    client.requireAdmin();
    return TenantView.of(
        tenants.update(
            slug,
            body.name(),
            body.sipDomain(),
            body.sipRegisterAuth(),
            body.sipDigestAlgorithms()));
  }

  @POST
  @Path("{slug}/keys")
  @Operation(
      summary = "Issue a tenant key",
      description =
          "Makes a new API key for the tenant, full unless a narrower scope is asked for"
              + " (read-only, recordings-read). The answer is the only time the whole key is"
              + " shown: only its hash is stored. Location names the key by its prefix.")
  @APIResponseSchema(
      value = IssuedKey.class,
      responseCode = "201",
      responseDescription = "The new key, with its secret")
  @APIResponse(
      responseCode = "400",
      description =
          "The label is missing, blank, too long or holds control characters, or the scope is"
              + " unknown.")
  @APIResponse(responseCode = "404", description = NO_TENANT)
  public Response issueKey(
      @Parameter(description = SLUG) @PathParam("slug") String slug,
      @RequestBody(description = "What the key is for and what it may do", required = true)
          @Valid
          @NotNull
          KeyRequest body,
      UriInfo uri) {
    client.requireAdmin();
    IssuedKey key = keys.issueForTenant(slug, body.label().strip(), body.keyScope());
    return Response.created(uri.getAbsolutePathBuilder().path(key.prefix()).build())
        .entity(key)
        .build();
  }

  @GET
  @Path("{slug}/keys")
  @Operation(
      summary = "List a tenant's keys",
      description = "Every key of the tenant, revoked ones included; never their secrets.")
  @APIResponse(responseCode = "200", description = "The tenant's keys")
  @APIResponse(responseCode = "404", description = NO_TENANT)
  public List<ApiKeyInfo> listKeys(@Parameter(description = SLUG) @PathParam("slug") String slug) {
    client.requireAdmin();
    return keys.listForTenant(slug);
  }

  @DELETE
  @Path("{slug}/keys/{prefix}")
  @Operation(
      summary = "Revoke a tenant key",
      description =
          "Revokes the key: this node refuses it at once, other nodes within"
              + " voxhost.auth.key-cache-ttl. Revoking a revoked key changes nothing.")
  @APIResponse(responseCode = "200", description = "The key, with the time it was revoked")
  @APIResponse(
      responseCode = "404",
      description = "No tenant has that slug, or the tenant has no key with that prefix.")
  public ApiKeyInfo revokeKey(
      @Parameter(description = SLUG) @PathParam("slug") String slug,
      @Parameter(description = "The key's prefix: vx_ and its next 8 characters")
          @PathParam("prefix")
          String prefix) {
    client.requireAdmin();
    return keys.revoke(slug, prefix);
  }
}
