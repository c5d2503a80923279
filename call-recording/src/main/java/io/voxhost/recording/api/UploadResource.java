package io.voxhost.recording.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.recording.service.Recording;
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
@Tag(name = "recordings")
@SecurityRequirement(name = "apiKey")
public class UploadResource {

  private final AuthenticatedClient client;
  private final Uploads uploads;
  private final ObjectMapper json;

  UploadResource(AuthenticatedClient client, Uploads uploads, ObjectMapper json) {
    this.client = client;
    this.uploads = uploads;
    this.json = json;
  }

  public record SegmentSpec(String leg, Long offsetMs, String format) {}

  public record UploadSpec(
      String callId,
      String from,
      String to,
      String direction,
      String codec,
      Instant startedAt,
      Map<String, Object> metadata,
      List<SegmentSpec> segments) {}

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Produces(MediaType.APPLICATION_JSON)
  public Response upload(
      @RestForm("metadata") String metadata, @RestForm(FileUpload.ALL) List<FileUpload> parts)
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
    Recording r =
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
    return Response.status(201)
        .entity(Map.of("id", r.id(), "status", r.status(), "durationMs", r.durationMs()))
        .build();
  }
}
