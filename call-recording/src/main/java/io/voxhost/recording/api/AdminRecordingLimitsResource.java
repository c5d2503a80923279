package io.voxhost.recording.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.service.Tenant;
import io.voxhost.platform.service.Tenants;
import io.voxhost.recording.service.RecordingLimits;
import io.voxhost.recording.service.TenantLimits;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What an admin allows a tenant's recordings: a cap on the quota the tenant sets itself, and its
 * open capture sessions per node. Under the admin's tenant paths, not the role's: the limits are
 * rows in the database, so any node answers, whether or not it runs the recording role.
 */
@Path("/api/v1/admin/tenants/{slug}/recording-limits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = RecordingTag.NAME, description = RecordingTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(
    responseCode = "403",
    description = "The key is a tenant's: these operations need an admin key.")
@APIResponse(responseCode = "404", description = "No tenant has that slug.")
public class AdminRecordingLimitsResource {

  private static final String SLUG = "The tenant's slug, such as acme-east";
  static final String QUOTA_CAP =
      "The highest quotaBytes the tenant may set in its recording settings; null for no cap."
          + " Setting a cap lowers the tenant's quota to it if that was higher or absent";
  static final String MAX_SESSIONS =
      "Capture sessions the tenant may have open on one node at once (more get 429), 0 to"
          + " 100000; null for the node's voxhost.recording.max-sessions-per-tenant";

  private final AuthenticatedClient client;
  private final Tenants tenants;
  private final RecordingLimits limits;

  AdminRecordingLimitsResource(
      AuthenticatedClient client, Tenants tenants, RecordingLimits limits) {
    this.client = client;
    this.tenants = tenants;
    this.limits = limits;
  }

  @Schema(description = "What an admin allows a tenant's recordings")
  public record LimitsRequest(
      @Schema(description = QUOTA_CAP) Long quotaCapBytes,
      @Schema(description = MAX_SESSIONS) Integer maxSessions) {}

  @Schema(description = "What an admin allows a tenant's recordings, and what applies")
  public record LimitsView(
      @Schema(description = QUOTA_CAP) Long quotaCapBytes,
      @Schema(description = MAX_SESSIONS) Integer maxSessions,
      @Schema(
              description =
                  "The session limit that applies: maxSessions, or the node's default when that"
                      + " is null (as this node is configured)")
          int effectiveMaxSessions) {}

  @GET
  @Operation(
      summary = "Show a tenant's recording limits",
      description = "The cap on the tenant's quota and its limit of open capture sessions.")
  @APIResponse(responseCode = "200", description = "The tenant's limits")
  public LimitsView get(@Parameter(description = SLUG) @PathParam("slug") String slug) {
    client.requireAdmin();
    return view(tenant(slug).id());
  }

  @PUT
  @Operation(
      summary = "Replace a tenant's recording limits",
      description =
          "Replaces both limits at once; one left out means none (no cap, the node's default"
              + " session limit). The tenant cannot then set a quota over the cap, nor none.")
  @APIResponse(responseCode = "200", description = "The limits as stored")
  @APIResponse(
      responseCode = "400",
      description =
          "No body, or quotaCapBytes is not positive, or maxSessions not 0 to 100000; errors names"
              + " each.")
  public LimitsView put(
      @Parameter(description = SLUG) @PathParam("slug") String slug,
      @RequestBody(description = "Both limits", required = true) LimitsRequest body) {
    client.requireAdmin();
    if (body == null) {
      throw ApiProblem.badRequest("a JSON body is required", List.of());
    }
    Tenant t = tenant(slug);
    limits.save(t.id(), new TenantLimits(body.quotaCapBytes(), body.maxSessions()));
    return view(t.id());
  }

  private Tenant tenant(String slug) {
    return tenants
        .bySlug(slug)
        .orElseThrow(() -> ApiProblem.notFound("no tenant with slug '" + slug + "'"));
  }

  private LimitsView view(java.util.UUID tenantId) {
    TenantLimits l = limits.of(tenantId);
    return new LimitsView(
        l.quotaCapBytes(),
        l.maxSessions(),
        l.maxSessions() == null ? limits.defaultMaxSessions() : l.maxSessions());
  }
}
