package io.voxhost.recording.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.voxhost.platform.api.WebPage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
 * <p>The page, its script and its style sheet go out with {@link WebPage}'s headers.
 */
@Path("/recordings")
@Tag(name = RecordingTag.NAME, description = RecordingTag.DESCRIPTION)
public class RecordingPage {

  private final Template page;
  private final byte[] script;
  private final byte[] style;

  RecordingPage(@Location("recording/page.html") Template page) {
    this.page = page;
    this.script = WebPage.file(RecordingPage.class, "page.js");
    this.style = WebPage.file(RecordingPage.class, "page.css");
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
        @Header(
            name = "Content-Security-Policy",
            description = WebPage.CONTENT_SECURITY_POLICY_DOC),
        @Header(name = "X-Frame-Options", description = "DENY"),
        @Header(name = "X-Content-Type-Options", description = "nosniff"),
        @Header(name = "Referrer-Policy", description = "no-referrer")
      },
      content =
          @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
  public Response get() {
    return WebPage.guarded(page.render(), MediaType.TEXT_HTML + ";charset=UTF-8");
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
    return WebPage.guarded(script, "text/javascript;charset=UTF-8");
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
    return WebPage.guarded(style, "text/css;charset=UTF-8");
  }
}
