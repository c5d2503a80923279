package io.voxhost.recording.api;

import io.voxhost.platform.api.ByteRange;
import io.voxhost.platform.api.EntityTags;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.recording.service.MonoMixes;
import io.voxhost.recording.service.Recording;
import io.voxhost.recording.service.RecordingFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.resteasy.reactive.PathPart;

/**
 * A recording's audio as an HTTP answer, the same through the API and through a signed link:
 * Content-Length, a strong ETag (the file's SHA-256), If-None-Match, one byte range (206, or 416
 * past the end), streamed from the file.
 */
@ApplicationScoped
public class AudioResponses {

  private final RecordingFiles files;
  private final MonoMixes monos;

  AudioResponses(RecordingFiles files, MonoMixes monos) {
    this.files = files;
    this.monos = monos;
  }

  /** The answer, and how many bytes of audio it sends (0 for 304, 416 and HEAD-like cases). */
  public record Served(Response response, long bytes) {}

  public Served serve(Recording r, String mix, String ifNoneMatch, String range)
      throws IOException {
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
      return new Served(Response.notModified().header(HttpHeaders.ETAG, etag).build(), 0);
    }
    ByteRange.Request wanted = ByteRange.of(range, size);
    if (wanted instanceof ByteRange.Unsatisfiable) {
      return new Served(Response.status(416).header("Content-Range", "bytes */" + size).build(), 0);
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
                "attachment; filename=\""
                    + r.id()
                    + ("mono".equals(mix) ? ".mono" : "")
                    + ".wav\"");
    if (partial) {
      out.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
    }
    return new Served(
        out.entity(new PathPart(file, part.first(), part.length())).build(), part.length());
  }
}
