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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's rules for its recordings: mono at completion, retention, quota. */
@Path("/api/v1/recordings/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = RecordingTag.NAME, description = RecordingTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = RecordingTag.TENANT_ONLY)
public class RecordingSettingsResource {

  static final String MONO_AT_COMPLETION =
      "Make the mono mix as soon as a recording completes, instead of on its first request";
  static final String RETENTION =
      "Recordings older than this many days are deleted (every voxhost.recording.sweep-interval);"
          + " null keeps them";
  static final String QUOTA =
      "Past this many bytes of audio (masters and mono mixes) the oldest recordings are deleted;"
          + " null for no quota";
  static final String WEBHOOK_URL =
      "Where a JSON notice {\"event\":\"recording.completed\",\"recording\":{...}} is POSTed when"
          + " a recording completes, retried on anything but 2xx; null for none";

  private final AuthenticatedClient client;
  private final TenantSettings settings;

  RecordingSettingsResource(AuthenticatedClient client, TenantSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** The settings as shown: the webhook's secret never, only whether one is set. */
  @Schema(
      description = "The tenant's rules for its recordings; the webhook's secret is never shown")
  public record SettingsView(
      @Schema(description = MONO_AT_COMPLETION) boolean monoAtCompletion,
      @Schema(description = RETENTION) Integer retentionDays,
      @Schema(description = QUOTA) Long quotaBytes,
      @Schema(description = WEBHOOK_URL) String webhookUrl,
      @Schema(
              description =
                  "Whether notices are signed with a secret (X-Voxhost-Signature:"
                      + " t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">)")
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
  @Operation(
      summary = "Show the recording rules",
      description = "The tenant's mono-mix, retention, quota and webhook settings.")
  @APIResponse(responseCode = "200", description = "The tenant's rules")
  public SettingsView get() {
    return SettingsView.of(settings.of(client.tenantId()));
  }

  /**
   * Replaces them all; a missing retention, quota or webhook means none; a missing secret stays.
   */
  @PUT
  @Operation(
      summary = "Replace the recording rules",
      description =
          "Replaces every rule at once: a retention, quota or webhook left out means none. A"
              + " webhookSecret left out (or null) keeps the stored one; \"\" removes it, and so"
              + " does removing the webhook. Retention and quota apply at the next sweep.")
  @APIResponse(responseCode = "200", description = "The rules as stored")
  @APIResponse(
      responseCode = "400",
      description =
          "No body, or retentionDays is not 1 to 36500, quotaBytes not positive, webhookUrl not"
              + " an http(s) URL of up to 2048 characters whose host resolves only to public"
              + " addresses (unless the node allows private targets), or webhookSecret not 16 to"
              + " 256 characters; errors names each.")
  public SettingsView put(
      @RequestBody(description = "Every rule", required = true) TenantRules body) {
    if (body == null) {
      throw ApiProblem.badRequest("a JSON body is required", List.of());
    }
    return SettingsView.of(settings.save(client.tenantId(), body));
  }
}
