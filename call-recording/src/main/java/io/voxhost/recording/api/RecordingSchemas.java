package io.voxhost.recording.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.voxhost.platform.api.SchemaDescriptions;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Descriptions of the service records the recording resources take or return as they are ({@code
 * TenantRules}, {@code AccessLog.Entry}, {@code RecordingStatus}); see {@link SchemaDescriptions}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class RecordingSchemas implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    SchemaDescriptions.describe(
        openApi,
        "TenantRules",
        "The tenant's rules for its recordings, all of them: a field left out or null means none",
        Map.of(
            "monoAtCompletion", RecordingSettingsResource.MONO_AT_COMPLETION,
            "retentionDays", RecordingSettingsResource.RETENTION + ": 1 to 36500",
            "quotaBytes", RecordingSettingsResource.QUOTA + ": a positive number",
            "webhookUrl", RecordingSettingsResource.WEBHOOK_URL + ": an http or https URL",
            "webhookSecret",
                "Secret, 16 to 256 characters, that signs each notice (X-Voxhost-Signature:"
                    + " sha256=<hex HMAC-SHA256 of the body>); null for unsigned notices. It is"
                    + " never shown again"));
    SchemaDescriptions.describe(
        openApi,
        "Entry",
        "One access to a recording: a download, a link made, a delete",
        Map.of(
            "id", "The entry's id, increasing; pass the last one seen as before",
            "recordingId", "The recording",
            "action", "download, link or delete",
            "via", "api (with an API key) or link (through a signed link)",
            "keyPrefix", "Prefix of the API key used, or null through a link",
            "source", "The client's address",
            "bytes",
                "Bytes of WAV a download sent (of its range); null for an MP3, which is encoded"
                    + " as it goes, and for links and deletes",
            "at", "When it happened"));
    SchemaDescriptions.describe(
        openApi,
        "RecordingStatus",
        "Where a recording is: in-progress (capturing), processing (being assembled), completed,"
            + " absent (no RTP came) or failed",
        Map.of());
  }
}
