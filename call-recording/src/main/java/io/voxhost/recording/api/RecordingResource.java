package io.voxhost.recording.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.recording.service.AccessLog;
import io.voxhost.recording.service.LinkSigner;
import io.voxhost.recording.service.Recording;
import io.voxhost.recording.service.RecordingStatus;
import io.voxhost.recording.service.RecordingStore;
import io.voxhost.recording.service.Recordings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's recordings: list, metadata, the audio itself, per-leg statistics, delete. */
@jakarta.ws.rs.Path("/api/v1/recordings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recordings")
@SecurityRequirement(name = "apiKey")
public class RecordingResource {

  private static final String ID =
      "{id: [0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}";

  private final AuthenticatedClient client;
  private final Recordings recordings;
  private final ObjectMapper json;
  private final AudioResponses audio;
  private final LinkSigner signer;
  private final AccessLog log;

  RecordingResource(
      AuthenticatedClient client,
      Recordings recordings,
      ObjectMapper json,
      AudioResponses audio,
      LinkSigner signer,
      AccessLog log) {
    this.client = client;
    this.recordings = recordings;
    this.json = json;
    this.audio = audio;
    this.signer = signer;
    this.log = log;
  }

  public record RecordingView(
      UUID id,
      RecordingStatus status,
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
    UUID tenant = client.tenantId();
    Optional<RecordingStatus> wanted =
        status == null ? Optional.empty() : RecordingStatus.fromValue(status);
    RecordingStore.Filter filter =
        new RecordingStore.Filter(
            instant("from", from), instant("to", to), number, callId, wanted.orElse(null));
    try {
      // A status no recording can have matches nothing, as it always did: an empty page, not a 400.
      Recordings.Page page =
          status != null && wanted.isEmpty()
              ? recordings.none(cursor)
              : recordings.page(tenant, filter, cursor, limit);
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
  public Response delete(@PathParam("id") UUID id, @Context HttpServerRequest request) {
    UUID tenant = client.tenantId();
    if (!recordings.delete(tenant, id)) {
      throw ApiProblem.notFound("no such recording");
    }
    log.record(tenant, id, "delete", "api", client.owner().prefix(), source(request), null);
    return Response.noContent().build();
  }

  /**
   * The audio: WAV streamed from the file (sendfile where the transport allows) with Range, or MP3
   * encoded as it goes.
   */
  @GET
  @jakarta.ws.rs.Path(ID + ".{format: wav|mp3}")
  @Produces({"audio/wav", "audio/mpeg", MediaType.APPLICATION_JSON})
  public Response audio(
      @PathParam("id") UUID id,
      @PathParam("format") String format,
      @QueryParam("mix") String mix,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
      @HeaderParam("Range") String range,
      @Context HttpServerRequest request)
      throws IOException {
    Recording r = found(id);
    AudioResponses.Served served = audio.serve(r, format, mix, ifNoneMatch, range);
    if (served.audio()) {
      log.record(
          r.tenantId(),
          id,
          "download",
          "api",
          client.owner().prefix(),
          source(request),
          served.bytes());
    }
    return served.response();
  }

  /** A short-lived URL that plays or downloads this recording without the API key. */
  public record LinkRequest(Integer minutes, String mix, String format) {}

  public record LinkView(String url, Instant expiresAt) {}

  @POST
  @jakarta.ws.rs.Path(ID + "/links")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response link(
      @PathParam("id") UUID id, LinkRequest body, @Context HttpServerRequest request) {
    Recording r = found(id);
    int minutes = body == null || body.minutes() == null ? 15 : body.minutes();
    if (minutes < 1 || minutes > 1440) {
      throw ApiProblem.badRequest("minutes must be 1 to 1440", List.of());
    }
    String mix = body == null || body.mix() == null ? "channels" : body.mix();
    if (!mix.equals("mono") && !mix.equals("channels")) {
      throw ApiProblem.badRequest("mix must be mono or channels", List.of());
    }
    String format = body == null || body.format() == null ? "wav" : body.format();
    if (!format.equals("wav") && !format.equals("mp3")) {
      throw ApiProblem.badRequest("format must be wav or mp3", List.of());
    }
    long expires = Instant.now().plusSeconds(60L * minutes).getEpochSecond();
    // The signature binds recording, mix and expiry; the format is only how the same audio goes.
    String url =
        LinkResource.PATH
            + "/"
            + id
            + "."
            + format
            + "?mix="
            + mix
            + "&expires="
            + expires
            + "&sig="
            + signer.sign(id, mix, expires);
    log.record(r.tenantId(), id, "link", "api", client.owner().prefix(), source(request), null);
    return Response.status(201).entity(new LinkView(url, Instant.ofEpochSecond(expires))).build();
  }

  /** The caller's access log: downloads, links and deletes, newest first. */
  @GET
  @jakarta.ws.rs.Path("access-log")
  public List<AccessLog.Entry> accessLog(
      @QueryParam("recordingId") UUID recordingId,
      @QueryParam("before") Long before,
      @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
    return log.page(client.tenantId(), recordingId, before, limit);
  }

  static String source(HttpServerRequest request) {
    return request == null || request.remoteAddress() == null
        ? null
        : request.remoteAddress().hostAddress();
  }

  private Recording found(UUID id) {
    return recordings
        .find(client.tenantId(), id)
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
        r.status() == RecordingStatus.COMPLETED ? "/api/v1/recordings/" + r.id() + ".wav" : null,
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
