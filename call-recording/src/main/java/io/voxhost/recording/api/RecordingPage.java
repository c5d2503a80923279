package io.voxhost.recording.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /recordings}: the page where a business lists, plays, downloads and deletes its
 * recordings. It holds no data itself: the browser signs in with an API key pasted into its form
 * (kept in session storage, never read from a URL) and calls the API; audio plays through signed
 * links, so the key never reaches a URL.
 *
 * <p>The page, its script and its style sheet go out with a strict Content-Security-Policy: only
 * this origin's files run, nothing inline, no frames around it. The script and style are files of
 * their own for that reason: an inline script would need {@code 'unsafe-inline'} (or a hash kept in
 * step with every edit), and a page that holds an API key is where injected script hurts most.
 */
@Path("/recordings")
@Tag(name = RecordingTag.NAME, description = RecordingTag.DESCRIPTION)
public class RecordingPage {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self';"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  private static final String CSP_DOC =
      "Only this origin's scripts, styles, media and API; nothing inline; no frames around it";

  private final Template page;
  private final byte[] script;
  private final byte[] style;

  RecordingPage(@Location("recording/page.html") Template page) {
    this.page = page;
    this.script = resource("page.js");
    this.style = resource("page.css");
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "The recordings web page",
      description =
          "A page for people: sign in by pasting an API key (kept in the browser's session"
              + " storage, sent only as a header; a key in the URL is ignored), filter, page"
              + " through, play, download and delete recordings. #play=<recording id> plays that"
              + " recording once signed in. It holds no data; audio plays through signed links.")
  @APIResponse(
      responseCode = "200",
      description = "The page; it calls the API from the browser",
      headers = {
        @Header(name = "Content-Security-Policy", description = CSP_DOC),
        @Header(name = "X-Frame-Options", description = "DENY"),
        @Header(name = "X-Content-Type-Options", description = "nosniff"),
        @Header(name = "Referrer-Policy", description = "no-referrer")
      },
      content =
          @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
  public Response get() {
    return guarded(page.render(), MediaType.TEXT_HTML + ";charset=UTF-8");
  }

  @GET
  @Path("page.js")
  @Produces("text/javascript")
  @Operation(summary = "The recordings page's script", description = "Static; the page loads it.")
  @APIResponse(
      responseCode = "200",
      description = "The script",
      content = @Content(mediaType = "text/javascript", schema = @Schema(type = SchemaType.STRING)))
  public Response script() {
    return guarded(script, "text/javascript;charset=UTF-8");
  }

  @GET
  @Path("page.css")
  @Produces("text/css")
  @Operation(
      summary = "The recordings page's style sheet",
      description = "Static; the page loads it.")
  @APIResponse(
      responseCode = "200",
      description = "The style sheet",
      content = @Content(mediaType = "text/css", schema = @Schema(type = SchemaType.STRING)))
  public Response style() {
    return guarded(style, "text/css;charset=UTF-8");
  }

  private static Response guarded(Object body, String type) {
    return Response.ok(body, type)
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache")
        .build();
  }

  private static byte[] resource(String name) {
    try (InputStream in = RecordingPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
