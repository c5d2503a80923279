package io.voxhost.recording.api;

import io.vertx.core.http.HttpServerRequest;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.recording.service.AccessLog;
import io.voxhost.recording.service.LinkSigner;
import io.voxhost.recording.service.Recording;
import io.voxhost.recording.service.Recordings;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A recording through a signed link, without an API key (a browser's audio element, a CRM): the
 * signature must be this deployment's for exactly this recording, mix and expiry. A bad or altered
 * signature is 403, an expired link 410, a deleted recording 404.
 */
@Path(LinkResource.PATH)
@Tag(name = RecordingTag.NAME, description = RecordingTag.DESCRIPTION)
public class LinkResource {

  static final String PATH = "/recordings/download";

  private final Recordings recordings;
  private final LinkSigner signer;
  private final AudioResponses audio;
  private final AccessLog log;

  LinkResource(Recordings recordings, LinkSigner signer, AudioResponses audio, AccessLog log) {
    this.recordings = recordings;
    this.signer = signer;
    this.audio = audio;
    this.log = log;
  }

  @GET
  @Path("{id: [0-9a-fA-F-]{36}}.{format: wav|mp3}")
  @Produces({"audio/wav", "audio/mpeg", MediaType.APPLICATION_JSON})
  @Operation(
      summary = "Download through a signed link",
      description =
          "A recording's audio without an API key, as POST /api/v1/recordings/{id}/links made"
              + " the link; any node of the deployment takes it. Answers as the API's download"
              + " does; each answer that carries audio is written to the access log.")
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
      description = "The link is for an MP3 of more than two legs without mix=mono.")
  @APIResponse(
      responseCode = "403",
      description =
          "expires or sig is missing, or the signature is not this deployment's for this"
              + " recording, mix and expiry.")
  @APIResponse(
      responseCode = "404",
      description = "The recording was deleted, or it" + AudioResponses.DOC_NO_AUDIO)
  @APIResponse(responseCode = "410", description = "The link has expired.")
  public Response download(
      @Parameter(description = "The recording's id") @PathParam("id") UUID id,
      @Parameter(description = "wav or mp3") @PathParam("format") String format,
      @Parameter(description = AudioResponses.DOC_MIX + "; the one the link was signed for")
          @QueryParam("mix")
          String mix,
      @Parameter(description = "The link's expiry, in Unix seconds, as signed")
          @QueryParam("expires")
          Long expires,
      @Parameter(description = "The link's signature") @QueryParam("sig") String sig,
      @Parameter(description = AudioResponses.DOC_IF_NONE_MATCH)
          @HeaderParam(HttpHeaders.IF_NONE_MATCH)
          String ifNoneMatch,
      @Parameter(description = AudioResponses.DOC_RANGE) @HeaderParam("Range") String range,
      @Context HttpServerRequest request)
      throws IOException {
    String m = mix == null ? "channels" : mix;
    if (expires == null || !signer.valid(id, m, expires, sig)) {
      throw ApiProblem.forbidden("this link is not valid");
    }
    if (Instant.now().getEpochSecond() > expires) {
      throw ApiProblem.ofStatus(410, "this link has expired");
    }
    Recording r =
        recordings.findAnyTenant(id).orElseThrow(() -> ApiProblem.notFound("no such recording"));
    AudioResponses.Served served = audio.serve(r, format, m, ifNoneMatch, range);
    if (served.audio()) {
      log.record(
          r.tenantId(),
          id,
          "download",
          "link",
          null,
          RecordingResource.source(request),
          served.bytes());
    }
    return served.response();
  }
}
