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

/**
 * A recording through a signed link, without an API key (a browser's audio element, a CRM): the
 * signature must be this deployment's for exactly this recording, mix and expiry. A bad or altered
 * signature is 403, an expired link 410, a deleted recording 404.
 */
@Path(LinkResource.PATH)
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
  public Response download(
      @PathParam("id") UUID id,
      @PathParam("format") String format,
      @QueryParam("mix") String mix,
      @QueryParam("expires") Long expires,
      @QueryParam("sig") String sig,
      @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
      @HeaderParam("Range") String range,
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
