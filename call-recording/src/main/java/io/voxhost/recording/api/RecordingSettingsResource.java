package io.voxhost.recording.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
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

  private final AuthenticatedClient client;
  private final TenantSettings settings;

  RecordingSettingsResource(AuthenticatedClient client, TenantSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** The settings as shown: the webhook's secret never, only whether one is set. */
  public record SettingsView(
      boolean monoAtCompletion,
      Integer retentionDays,
      Long quotaBytes,
      String webhookUrl,
      boolean webhookSecretSet) {
    static SettingsView of(TenantRules r) {
      return new SettingsView(
          r.monoAtCompletion(),
          r.retentionDays(),
          r.quotaBytes(),
          r.webhookUrl(),
          r.webhookSecret() != null);
    }
  }

  @GET
  public SettingsView get() {
    return SettingsView.of(settings.of(client.tenantId()));
  }

  /** Replaces them all; a missing retention, quota or webhook means none. */
  @PUT
  public SettingsView put(TenantRules body) {
    if (body == null) {
      throw ApiProblem.badRequest("a JSON body is required", List.of());
    }
    return SettingsView.of(settings.save(client.tenantId(), body));
  }
}
