package io.voxhost.recording.api;

import io.voxhost.platform.api.Caller;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.recording.service.TenantRules;
import io.voxhost.recording.service.TenantSettings;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's rules for its recordings: mono at completion, retention, quota. */
@Path("/api/v1/recordings/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "recordings")
@SecurityRequirement(name = "apiKey")
public class RecordingSettingsResource {

  private final Caller caller;
  private final TenantSettings settings;

  RecordingSettingsResource(Caller caller, TenantSettings settings) {
    this.caller = caller;
    this.settings = settings;
  }

  @GET
  public TenantRules get() {
    return settings.of(caller.tenantId());
  }

  /** Replaces all three; a missing retention or quota means none. */
  @PUT
  public TenantRules put(TenantRules body) {
    if (body == null) {
      throw ApiProblem.badRequest("a JSON body is required", List.of());
    }
    return settings.save(caller.tenantId(), body);
  }
}
