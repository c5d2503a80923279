package io.voxhost.recording.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.recording.service.Recording;
import io.voxhost.recording.service.StorageLow;
import io.voxhost.recording.service.Uploads;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Uploads from PBXs that record locally: {@code multipart/form-data} with a {@code metadata} part
 * (JSON: {@code callId, from, to, direction, codec, startedAt, metadata, segments: [{leg, offsetMs,
 * format}]}) and one file part per segment, named {@code segment0}, {@code segment1}, ... in that
 * order. The answer (201) is the completed recording.
 */
@Path("/api/v1/recordings")
@Tag(name = RecordingTag.NAME, description = RecordingTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = RecordingTag.TENANT_ONLY)
public class UploadResource {

  private final AuthenticatedClient client;
  private final Uploads uploads;
  private final ObjectMapper json;

  UploadResource(AuthenticatedClient client, Uploads uploads, ObjectMapper json) {
    this.client = client;
    this.uploads = uploads;
    this.json = json;
  }

  @Schema(description = "One uploaded audio file: one channel of one leg, from an offset")
  public record SegmentSpec(
      @Schema(description = "The leg it belongs to, 1 to 64 characters: one channel per leg")
          String leg,
      @Schema(
              description =
                  "Where it starts in the call in milliseconds, 0 if absent; it and its end"
                      + " within voxhost.recording.max-duration (4 h by default)")
          Long offsetMs,
      @Schema(
              description =
                  "wav (mono, PCM16 or G.711; the default), pcmu or pcma (raw G.711 bytes)")
          String format) {}

  @Schema(description = "The metadata part of an upload: the call and its segments")
  public record UploadSpec(
      @Schema(description = "The call's id") String callId,
      @Schema(description = "The calling number") String from,
      @Schema(description = "The called number") String to,
      @Schema(description = "Such as inbound or outbound") String direction,
      @Schema(
              description =
                  "PCMU or PCMA: the G.711 law the master is stored in (PCM16 is encoded to it,"
                      + " the other law transcoded)")
          String codec,
      @Schema(description = "When the call started; the upload's time if absent") Instant startedAt,
      @Schema(description = "Any JSON object kept with the recording") Map<String, Object> metadata,
      @Schema(
              description =
                  "The segments, 1 to 256, of at most 16 legs, in the order of the file parts"
                      + " segment0, segment1, ...; each leg's are placed at their offsets with"
                      + " silence between, an overlap trimmed")
          List<SegmentSpec> segments) {}

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Upload a recording",
      description =
          "For PBXs that record the call themselves: its segments are stored as a recording like"
              + " a capture's, a G.711 master with one channel per leg. The recording appears"
              + " whole or not at all, completed; the tenant's completion webhook, if any, is"
              + " sent.")
  @RequestBody(
      description =
          "multipart/form-data: a metadata part (JSON) and one file part per segment, named"
              + " segment0, segment1, ... in the order of metadata.segments",
      required = true)
  @APIResponse(
      responseCode = "201",
      description = "Stored: the recording is complete",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      description = "The new recording",
                      properties = {
                        @SchemaProperty(
                            name = "id",
                            type = SchemaType.STRING,
                            format = "uuid",
                            description = "The recording's id"),
                        @SchemaProperty(
                            name = "status",
                            type = SchemaType.STRING,
                            description = "completed"),
                        @SchemaProperty(
                            name = "durationMs",
                            type = SchemaType.INTEGER,
                            format = "int64",
                            description = "Length of the audio in milliseconds")
                      })))
  @APIResponse(
      responseCode = "400",
      description =
          "No metadata part, or it is not this JSON (an unknown field, a wrong type), a described"
              + " segment was not uploaded, the codec is not PCMU or PCMA, there are not 1 to 256"
              + " segments or over 16 legs, a segment has no leg, a format other than wav, pcmu or"
              + " pcma, or a WAV that cannot be read, is not mono or is shorter than its header"
              + " says; or a segment starts (offsetMs) or ends (offsetMs plus its length, read"
              + " from its file) past voxhost.recording.max-duration, the longest recording:"
              + " errors names segments[i].offsetMs.")
  @APIResponse(responseCode = "507", description = LimitProblems.INSUFFICIENT_STORAGE)
  public Response upload(
      @Schema(implementation = UploadSpec.class, description = "The call and its segments, as JSON")
          @RestForm("metadata")
          String metadata,
      @Schema(
              description =
                  "The segments' files, one part each, named segment0, segment1, ... in the order"
                      + " of metadata.segments")
          @RestForm(FileUpload.ALL)
          List<FileUpload> parts)
      throws IOException {
    java.util.UUID tenant = client.tenantId();
    if (metadata == null) {
      throw ApiProblem.badRequest("a metadata part (JSON) is required", List.of());
    }
    UploadSpec spec;
    try {
      spec = json.readValue(metadata, UploadSpec.class);
    } catch (JsonProcessingException e) {
      throw ApiProblem.badRequest("metadata is not the JSON this endpoint takes", List.of());
    }
    Map<String, FileUpload> byName = new HashMap<>();
    for (FileUpload part : parts) {
      byName.put(part.name(), part);
    }
    List<SegmentSpec> specs = spec.segments() == null ? List.of() : spec.segments();
    List<Uploads.Segment> segments = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      FileUpload file = byName.get("segment" + i);
      if (file == null) {
        throw ApiProblem.badRequest("segment" + i + " is described but not uploaded", List.of());
      }
      SegmentSpec s = specs.get(i);
      segments.add(
          new Uploads.Segment(
              s.leg(),
              s.offsetMs() == null ? 0 : s.offsetMs(),
              s.format() == null ? "wav" : s.format(),
              file.uploadedFile()));
    }
    Recording r;
    try {
      r =
          uploads.store(
              tenant,
              new Uploads.Upload(
                  spec.callId(),
                  spec.from(),
                  spec.to(),
                  spec.direction(),
                  spec.codec(),
                  spec.startedAt(),
                  spec.metadata(),
                  segments));
    } catch (StorageLow e) {
      throw LimitProblems.insufficientStorage(e.getMessage());
    }
    return Response.status(201)
        .entity(Map.of("id", r.id(), "status", r.status(), "durationMs", r.durationMs()))
        .build();
  }
}
