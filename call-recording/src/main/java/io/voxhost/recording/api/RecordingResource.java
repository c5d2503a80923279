package io.voxhost.recording.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.platform.api.ByteRange;
import io.voxhost.platform.api.Caller;
import io.voxhost.platform.api.EntityTags;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.recording.service.MonoMixes;
import io.voxhost.recording.service.Recording;
import io.voxhost.recording.service.RecordingFiles;
import io.voxhost.recording.service.Recordings;
import io.voxhost.recording.store.RecordingRows;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.PathPart;

/** A tenant's recordings: list, metadata, the audio itself, per-leg statistics, delete. */
@jakarta.ws.rs.Path("/api/v1/recordings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recordings")
@SecurityRequirement(name = "apiKey")
public class RecordingResource {

  private static final String ID =
      "{id: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}";

  private final Caller caller;
  private final Recordings recordings;
  private final RecordingFiles files;
  private final ObjectMapper json;
  private final MonoMixes monos;

  RecordingResource(
      Caller caller,
      Recordings recordings,
      RecordingFiles files,
      ObjectMapper json,
      MonoMixes monos) {
    this.caller = caller;
    this.recordings = recordings;
    this.files = files;
    this.json = json;
    this.monos = monos;
  }

  public record RecordingView(
      UUID id,
      String status,
      String callId,
      String from,
      String to,
      String direction,
      String codec,
      String source,
      Instant startedAt,
      Long durationMs,
      Integer channels,
      Long sizeBytes,
      String sha256,
      boolean truncated,
      Instant completedAt,
      String error,
      JsonNode legs,
      JsonNode metadata,
      String audio,
      MonoView mono) {}

  /** The mono mix, once made. */
  public record MonoView(long sizeBytes, String sha256, String audio) {}

  public record PageView(List<RecordingView> items, String next) {}

  @GET
  public PageView list(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("number") String number,
      @QueryParam("callId") String callId,
      @QueryParam("status") String status,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
    UUID tenant = caller.tenantId();
    RecordingRows.Filter filter =
        new RecordingRows.Filter(instant("from", from), instant("to", to), number, callId, status);
    try {
      Recordings.Page page = recordings.page(tenant, filter, cursor, limit);
      return new PageView(page.items().stream().map(this::view).toList(), page.next());
    } catch (Recordings.BadCursor e) {
      throw ApiProblem.badRequest(e.getMessage(), List.of());
    }
  }

  @GET
  @jakarta.ws.rs.Path(ID)
  public RecordingView get(@PathParam("id") UUID id) {
    return view(found(id));
  }

  @GET
  @jakarta.ws.rs.Path(ID + "/legs")
  public JsonNode legs(@PathParam("id") UUID id) {
    return tree(found(id).legsJson());
  }

  @DELETE
  @jakarta.ws.rs.Path(ID)
  public Response delete(@PathParam("id") UUID id) {
    if (!recordings.delete(caller.tenantId(), id)) {
      throw ApiProblem.notFound("no such recording");
    }
    return Response.noContent().build();
  }

  /** The audio, streamed from the file (sendfile where the transport allows), with Range. */
  @GET
  @jakarta.ws.rs.Path(ID + ".wav")
  @Produces({"audio/wav", MediaType.APPLICATION_JSON})
  public Response audio(
      @PathParam("id") UUID id,
      @QueryParam("mix") String mix,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
      @HeaderParam("Range") String range)
      throws IOException {
    Recording r = found(id);
    if (!Recording.COMPLETED.equals(r.status()) || r.file() == null) {
      throw ApiProblem.notFound("this recording has no audio (status " + r.status() + ")");
    }
    if (mix != null && !mix.equals("mono") && !mix.equals("channels")) {
      throw ApiProblem.badRequest("mix must be mono or channels", List.of());
    }
    String relative = r.file();
    long size = r.sizeBytes();
    String sha256 = r.sha256();
    if ("mono".equals(mix)) {
      Recording.Mono mono = monos.of(r);
      relative = mono.file();
      size = mono.sizeBytes();
      sha256 = mono.sha256();
    }
    Path file = files.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw ApiProblem.notFound("this recording's audio is gone");
    }
    String etag = "\"" + sha256 + "\"";
    if (EntityTags.matches(ifNoneMatch, etag)) {
      return Response.notModified().header(HttpHeaders.ETAG, etag).build();
    }
    ByteRange.Request wanted = ByteRange.of(range, size);
    if (wanted instanceof ByteRange.Unsatisfiable) {
      return Response.status(416).header("Content-Range", "bytes */" + size).build();
    }
    ByteRange part = wanted instanceof ByteRange.Partial p ? p.range() : new ByteRange(0, size - 1);
    boolean partial = wanted instanceof ByteRange.Partial;
    Response.ResponseBuilder out =
        Response.status(partial ? 206 : 200)
            .type("audio/wav")
            .header(HttpHeaders.ETAG, etag)
            .header("Accept-Ranges", "bytes")
            .header(
                "Content-Disposition",
                "attachment; filename=\"" + id + ("mono".equals(mix) ? ".mono" : "") + ".wav\"");
    if (partial) {
      out.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
    }
    return out.entity(new PathPart(file, part.first(), part.length())).build();
  }

  private Recording found(UUID id) {
    return recordings
        .find(caller.tenantId(), id)
        .orElseThrow(() -> ApiProblem.notFound("no such recording"));
  }

  private RecordingView view(Recording r) {
    return new RecordingView(
        r.id(),
        r.status(),
        r.callId(),
        r.from(),
        r.to(),
        r.direction(),
        r.codec(),
        r.source(),
        r.startedAt(),
        r.durationMs(),
        r.channels(),
        r.sizeBytes(),
        r.sha256(),
        r.truncated(),
        r.completedAt(),
        r.error(),
        tree(r.legsJson()),
        tree(r.metadataJson()),
        Recording.COMPLETED.equals(r.status()) ? "/api/v1/recordings/" + r.id() + ".wav" : null,
        r.mono() == null
            ? null
            : new MonoView(
                r.mono().sizeBytes(),
                r.mono().sha256(),
                "/api/v1/recordings/" + r.id() + ".wav?mix=mono"));
  }

  private JsonNode tree(String text) {
    try {
      return json.readTree(text == null ? "null" : text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(field + " must be an ISO-8601 instant", List.of());
    }
  }
}
