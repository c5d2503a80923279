package io.voxhost.recording.api;

import io.voxhost.media.api.AudioFiles;
import io.voxhost.platform.api.ByteRange;
import io.voxhost.platform.api.EntityTags;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.recording.RecordingConfig;
import io.voxhost.recording.service.MonoMixes;
import io.voxhost.recording.service.Recording;
import io.voxhost.recording.service.RecordingFiles;
import io.voxhost.recording.service.RecordingStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.jboss.resteasy.reactive.PathPart;

/**
 * A recording's audio as an HTTP answer, the same through the API and through a signed link. WAV:
 * Content-Length, a strong ETag (the file's SHA-256), If-None-Match, one byte range (206, or 416
 * past the end), streamed from the file. MP3: encoded as it is sent (no length, no ranges), a few
 * at a time.
 */
@ApplicationScoped
public class AudioResponses {

  private final RecordingFiles files;
  private final MonoMixes monos;
  private final AudioFiles audio;
  private final Semaphore transcodes;

  AudioResponses(RecordingFiles files, MonoMixes monos, AudioFiles audio, RecordingConfig config) {
    this.files = files;
    this.monos = monos;
    this.audio = audio;
    this.transcodes = new Semaphore(config.transcodes());
  }

  // How the answers below are documented in OpenAPI, for the API and the signed link alike.
  static final String DOC_OK =
      "The audio. WAV (audio/wav): the lossless master, one channel per leg, or the mono mix;"
          + " with Content-Length, a strong ETag (its SHA-256) and Accept-Ranges: bytes. MP3"
          + " (audio/mpeg): encoded while it is sent, so without Content-Length or ranges."
          + " Content-Disposition names the file";
  static final String DOC_PARTIAL = "The one byte range asked for with Range (WAV only)";
  static final String DOC_NOT_MODIFIED = "If-None-Match names the audio's current ETag";
  static final String DOC_RANGE_PAST_END = "The Range starts past the end of the WAV; no body";
  static final String DOC_NO_AUDIO =
      " has no audio yet (its status is not completed), or its audio is gone.";
  static final String DOC_BUSY =
      "voxhost.recording.transcodes MP3s are being encoded on this node already: try again"
          + " shortly, or take the WAV.";
  static final String DOC_MIX =
      "channels (default): one channel per leg; mono: the legs summed as 16-bit PCM, made on"
          + " the first request and kept";
  static final String DOC_IF_NONE_MATCH = "An ETag the client holds: 304 if it is current";
  static final String DOC_RANGE =
      "One byte range (bytes=first-last, first- or -suffix) for 206, WAV only; several ranges,"
          + " or any on an MP3, get the whole file";

  /** The stored file a request for a recording in a mix is answered from. */
  private record Source(Path file, long size, String sha256, boolean mono) {}

  /**
   * The answer; whether it carries audio (not a 304 or 416), and how many bytes, null when it is
   * encoded as it goes.
   */
  public record Served(Response response, boolean audio, Long bytes) {}

  /** The answer in {@code format} ({@code wav} or {@code mp3}). */
  public Served serve(Recording r, String format, String mix, String ifNoneMatch, String range)
      throws IOException {
    return "mp3".equals(format)
        ? serveMp3(r, mix, ifNoneMatch)
        : serveWav(r, mix, ifNoneMatch, range);
  }

  private Source source(Recording r, String mix) throws IOException {
    if (r.status() != RecordingStatus.COMPLETED || r.file() == null) {
      throw ApiProblem.notFound("this recording has no audio (status " + r.status().value() + ")");
    }
    if (mix != null && !mix.equals("mono") && !mix.equals("channels")) {
      throw ApiProblem.badRequest("mix must be mono or channels", List.of());
    }
    Source source = new Source(files.resolve(r.file()), r.sizeBytes(), r.sha256(), false);
    if ("mono".equals(mix)) {
      Recording.Mono mono = monos.of(r);
      source = new Source(files.resolve(mono.file()), mono.sizeBytes(), mono.sha256(), true);
    }
    if (!Files.isRegularFile(source.file())) {
      throw ApiProblem.notFound("this recording's audio is gone");
    }
    return source;
  }

  private static String filename(Recording r, String mix, String extension) {
    return "attachment; filename=\""
        + r.id()
        + ("mono".equals(mix) ? ".mono" : "")
        + extension
        + "\"";
  }

  private Served serveWav(Recording r, String mix, String ifNoneMatch, String range)
      throws IOException {
    Source source = source(r, mix);
    Path file = source.file();
    long size = source.size();
    String sha256 = source.sha256();
    String etag = "\"" + sha256 + "\"";
    if (EntityTags.matches(ifNoneMatch, etag)) {
      return new Served(Response.notModified().header(HttpHeaders.ETAG, etag).build(), false, 0L);
    }
    ByteRange.Request wanted = ByteRange.of(range, size);
    if (wanted instanceof ByteRange.Unsatisfiable) {
      return new Served(
          Response.status(416).header("Content-Range", "bytes */" + size).build(), false, 0L);
    }
    ByteRange part = wanted instanceof ByteRange.Partial p ? p.range() : new ByteRange(0, size - 1);
    boolean partial = wanted instanceof ByteRange.Partial;
    Response.ResponseBuilder out =
        Response.status(partial ? 206 : 200)
            .type("audio/wav")
            .header(HttpHeaders.ETAG, etag)
            .header("Accept-Ranges", "bytes")
            .header("Content-Disposition", filename(r, mix, ".wav"));
    if (partial) {
      out.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
    }
    return new Served(
        out.entity(new PathPart(file, part.first(), part.length())).build(), true, part.length());
  }

  /**
   * The audio as MP3, encoded while it is sent: the mono mix, or the legs as two channels (one leg
   * is mono). Its ETag is the source's SHA-256 and the encoding, which is deterministic. Range is
   * ignored (RFC 9110 allows it): the whole stream, 200.
   */
  private Served serveMp3(Recording r, String mix, String ifNoneMatch) throws IOException {
    Source source = source(r, mix);
    int channels = source.mono() ? 1 : r.channels();
    if (channels > 2) {
      throw ApiProblem.badRequest(
          "an MP3 carries two channels and this recording has " + channels + "; ask for mix=mono",
          List.of());
    }
    String etag = "\"" + source.sha256() + "-mp3-" + audio.mp3KbpsPerChannel() + "k\"";
    if (EntityTags.matches(ifNoneMatch, etag)) {
      return new Served(Response.notModified().header(HttpHeaders.ETAG, etag).build(), false, 0L);
    }
    if (!transcodes.tryAcquire()) {
      throw ApiProblem.ofStatus(
          503, "too many MP3s being encoded; try again shortly or take the WAV");
    }
    StreamingOutput body =
        out -> {
          try {
            audio.mp3(source.file(), out);
          } finally {
            transcodes.release();
          }
        };
    Response response =
        Response.ok(body, "audio/mpeg")
            .header(HttpHeaders.ETAG, etag)
            .header("Accept-Ranges", "none")
            .header("Content-Disposition", filename(r, mix, ".mp3"))
            .build();
    return new Served(response, true, null);
  }
}
