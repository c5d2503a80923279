package io.voxhost.recording.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.voxhost.platform.api.InstantParameter;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.service.PageCursor;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's recordings: list, metadata, the audio itself, per-leg statistics, delete. */
@jakarta.ws.rs.Path("/api/v1/recordings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = RecordingTag.NAME, description = RecordingTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = RecordingTag.TENANT_ONLY)
public class RecordingResource {

  private static final String RECORDING_ID = "The recording's id";
  private static final String NO_RECORDING =
      "The tenant has no recording with that id, or it was deleted.";
  private static final String LEGS =
      "One object per leg, in channel order, with its label; while capturing, its port; once"
          + " assembled, its RTP statistics (packets, lost, duplicated, late, reordered, segments,"
          + " ignored, jitterMs (RFC 3550 jitter), samples); for an upload, segments and"
          + " samples";

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

  @Schema(description = "A recording of a call: captured from forked RTP, or uploaded")
  public record RecordingView(
      @Schema(description = RECORDING_ID) UUID id,
      @Schema(
              description =
                  "in-progress (capturing), processing (being assembled), completed, absent (no"
                      + " RTP came) or failed")
          RecordingStatus status,
      @Schema(description = "The call's id, as the media server or PBX gave it") String callId,
      @Schema(description = "The calling number, as given") String from,
      @Schema(description = "The called number, as given") String to,
      @Schema(description = "The call's direction, as given, such as inbound") String direction,
      @Schema(description = "PCMU or PCMA: the G.711 law of the master WAV") String codec,
      @Schema(description = "capture (RTP forked to a session) or upload") String source,
      @Schema(description = "When the call started: the session opened, or the upload says")
          Instant startedAt,
      @Schema(description = "Length of the audio in milliseconds, once assembled") Long durationMs,
      @Schema(description = "Channels of the master WAV, one per leg, once assembled")
          Integer channels,
      @Schema(description = "Size of the master WAV in bytes, once assembled") Long sizeBytes,
      @Schema(description = "SHA-256 of the master WAV, in hex; its ETag") String sha256,
      @Schema(
              description =
                  "Whether a crash of the node cut its capture short (at most the last second of"
                      + " audio is lost)")
          boolean truncated,
      @Schema(description = "When assembly finished, or null before") Instant completedAt,
      @Schema(description = "Why it failed, or null") String error,
      @Schema(implementation = Map[].class, description = LEGS) JsonNode legs,
      @Schema(
              implementation = Map.class,
              description = "The JSON object given with the session or upload; {} if none")
          JsonNode metadata,
      @Schema(description = "Path of its WAV in this API once completed, else null") String audio,
      @Schema(description = "The mono mix, or null until it is made") MonoView mono) {}

  /** The mono mix, once made. */
  @Schema(description = "The mono mix of a recording: its legs summed as 16-bit PCM")
  public record MonoView(
      @Schema(description = "Size of the mono WAV in bytes") long sizeBytes,
      @Schema(description = "SHA-256 of the mono WAV, in hex; its ETag") String sha256,
      @Schema(description = "Path of the mono WAV in this API") String audio) {}

  @Schema(description = "One page of recordings")
  public record PageView(
      @Schema(description = "The recordings, by start time then id") List<RecordingView> items,
      @Schema(description = "Cursor of the next page, or null on the last") String next) {}

  @GET
  @Operation(
      summary = "List recordings",
      description =
          "The tenant's recordings that match every filter given, in pages ordered by start time"
              + " then id, so that pages neither skip nor repeat while new recordings arrive."
              + " Deleted ones are left out.")
  @APIResponse(responseCode = "200", description = "One page, and the cursor of the next")
  @APIResponse(
      responseCode = "400",
      description =
          "from or to is not an ISO-8601 instant, the cursor is not one this API gave out, or"
              + " limit is not 1 to 500.")
  @APIResponse(
      responseCode = "404",
      description =
          "limit is not a whole number: the request matches no resource (JAX-RS answers a query parameter it cannot"
              + " read so).")
  public PageView list(
      @Parameter(description = "Only calls started at or after this ISO-8601 instant")
          @QueryParam("from")
          String from,
      @Parameter(description = "Only calls started before this ISO-8601 instant") @QueryParam("to")
          String to,
      @Parameter(description = "Only calls from or to this number, exactly as given")
          @QueryParam("number")
          String number,
      @Parameter(description = "Only the recordings of this call id") @QueryParam("callId")
          String callId,
      @Parameter(
              description =
                  "Only recordings in this status: in-progress, processing, completed,"
                      + " absent or failed")
          @QueryParam("status")
          String status,
      @Parameter(description = "The next of the previous page; absent for the first")
          @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Recordings per page, 1 to 500")
          @QueryParam("limit")
          @DefaultValue("50")
          @Min(1)
          @Max(500)
          int limit) {
    UUID tenant = client.tenantId();
    Optional<RecordingStatus> wanted =
        status == null ? Optional.empty() : RecordingStatus.fromValue(status);
    RecordingStore.Filter filter =
        new RecordingStore.Filter(
            InstantParameter.read("from", from),
            InstantParameter.read("to", to),
            number,
            callId,
            wanted.orElse(null));
    try {
      // A status no recording can have matches nothing, as it always did: an empty page, not a 400.
      Recordings.Page page =
          status != null && wanted.isEmpty()
              ? recordings.none(cursor)
              : recordings.page(tenant, filter, cursor, limit);
      return new PageView(page.items().stream().map(this::view).toList(), page.next());
    } catch (PageCursor.BadCursor e) {
      throw ApiProblem.badRequest(e.getMessage(), List.of());
    }
  }

  @GET
  @jakarta.ws.rs.Path(ID)
  @Operation(
      summary = "Show a recording",
      description = "A recording's metadata, status, legs' statistics and where its audio is.")
  @APIResponse(responseCode = "200", description = "The recording")
  @APIResponse(responseCode = "404", description = NO_RECORDING)
  public RecordingView get(@Parameter(description = RECORDING_ID) @PathParam("id") UUID id) {
    return view(found(id));
  }

  @GET
  @jakarta.ws.rs.Path(ID + "/legs")
  @Operation(
      summary = "Show a recording's legs",
      description = "The legs of a recording, as in the recording's legs.")
  @APIResponse(
      responseCode = "200",
      description = LEGS,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = Map[].class, description = LEGS)))
  @APIResponse(responseCode = "404", description = NO_RECORDING)
  public JsonNode legs(@Parameter(description = RECORDING_ID) @PathParam("id") UUID id) {
    return tree(found(id).legsJson());
  }

  @DELETE
  @jakarta.ws.rs.Path(ID)
  @Operation(
      summary = "Delete a recording",
      description =
          "Deletes the recording: from now on it is 404, its links included; its files are"
              + " removed at the next sweep (voxhost.recording.sweep-interval). Written to the"
              + " access log.")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(responseCode = "404", description = NO_RECORDING)
  public Response delete(
      @Parameter(description = RECORDING_ID) @PathParam("id") UUID id,
      @Context HttpServerRequest request) {
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
  @Operation(
      summary = "Download a recording's audio",
      description =
          "WAV streamed from the stored file, with one byte range; or MP3 (24 kbit/s a channel:"
              + " the legs as two channels, or the mono mix) encoded while it is sent. Each answer"
              + " that carries audio is written to the access log.")
  @APIResponse(
      responseCode = "200",
      description = AudioResponses.DOC_OK,
      headers = {
        @Header(
            name = "ETag",
            description = "WAV: its SHA-256; MP3: its source's SHA-256 and the encoding",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Accept-Ranges",
            description = "bytes for a WAV, none for an MP3",
            schema = @Schema(type = SchemaType.STRING)),
        @Header(
            name = "Content-Disposition",
            description = "attachment; filename=\"<id>[.mono].<wav|mp3>\"",
            schema = @Schema(type = SchemaType.STRING))
      },
      content = {
        @Content(
            mediaType = "audio/wav",
            schema = @Schema(type = SchemaType.STRING, format = "binary")),
        @Content(
            mediaType = "audio/mpeg",
            schema = @Schema(type = SchemaType.STRING, format = "binary"))
      })
  @APIResponse(
      responseCode = "206",
      description = AudioResponses.DOC_PARTIAL,
      headers =
          @Header(
              name = "Content-Range",
              description = "bytes first-last/size",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = "audio/wav",
              schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "304", description = AudioResponses.DOC_NOT_MODIFIED)
  @APIResponse(
      responseCode = "416",
      description = AudioResponses.DOC_RANGE_PAST_END,
      headers =
          @Header(
              name = "Content-Range",
              description = "bytes */size",
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "503", description = AudioResponses.DOC_BUSY)
  @APIResponse(
      responseCode = "400",
      description =
          "mix is not mono or channels, or an MP3 of more than two legs is asked for without"
              + " mix=mono.")
  @APIResponse(
      responseCode = "404",
      description = "The tenant has no such recording, or it" + AudioResponses.DOC_NO_AUDIO)
  public Response audio(
      @Parameter(description = RECORDING_ID) @PathParam("id") UUID id,
      @Parameter(description = "wav or mp3") @PathParam("format") String format,
      @Parameter(description = AudioResponses.DOC_MIX) @QueryParam("mix") String mix,
      @Parameter(description = AudioResponses.DOC_IF_NONE_MATCH)
          @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          String ifNoneMatch,
      @Parameter(description = AudioResponses.DOC_RANGE) @HeaderParam("Range") String range,
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
  @Schema(description = "A signed link to make; every field may be left out")
  public record LinkRequest(
      @Schema(description = "How long the link works, 1 to 1440 minutes; 15 if left out")
          Integer minutes,
      @Schema(description = "channels (default) or mono") String mix,
      @Schema(description = "wav (default) or mp3: not signed, the same audio either way")
          String format) {}

  @Schema(description = "A signed link to a recording's audio")
  public record LinkView(
      @Schema(
              description =
                  "Path of the link, /recordings/download/{id}.{format}?mix=&expires=&sig=, on"
                      + " any node's HTTP port: it needs no API key")
          String url,
      @Schema(description = "When the link stops working") Instant expiresAt) {}

  @POST
  @jakarta.ws.rs.Path(ID + "/links")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Make a signed link",
      description =
          "A short-lived URL that plays or downloads the recording without an API key (a"
              + " browser's audio element, a CRM): signed with HMAC-SHA256 over the recording,"
              + " the mix and the expiry. Written to the access log.")
  @APIResponseSchema(
      value = LinkView.class,
      responseCode = "201",
      responseDescription = "The link and when it expires")
  @APIResponse(
      responseCode = "400",
      description = "minutes is not 1 to 1440, mix not mono or channels, or format not wav or mp3.")
  @APIResponse(responseCode = "404", description = NO_RECORDING)
  public Response link(
      @Parameter(description = RECORDING_ID) @PathParam("id") UUID id,
      @RequestBody(description = "The link's lifetime, mix and format; may be left out")
          LinkRequest body,
      @Context HttpServerRequest request) {
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
  @Operation(
      summary = "List the access log",
      description =
          "Every download (with a key or through a link), link made and delete of the tenant's"
              + " recordings, newest first.")
  @APIResponse(responseCode = "200", description = "One page of entries, newest first")
  @APIResponse(responseCode = "400", description = "limit is not 1 to 1000.")
  @APIResponse(
      responseCode = "404",
      description =
          "recordingId is not a UUID, or before or limit not a whole number: the request matches no resource (JAX-RS answers a query parameter it cannot"
              + " read so).")
  public List<AccessLog.Entry> accessLog(
      @Parameter(description = "Only this recording's entries") @QueryParam("recordingId")
          UUID recordingId,
      @Parameter(description = "Only entries older than this id: the last id of the previous page")
          @QueryParam("before")
          Long before,
      @Parameter(description = "Entries per page, 1 to 1000")
          @QueryParam("limit")
          @DefaultValue("100")
          @Min(1)
          @Max(1000)
          int limit) {
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
}
