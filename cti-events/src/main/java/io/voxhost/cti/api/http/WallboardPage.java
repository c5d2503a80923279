package io.voxhost.cti.api.http;

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
 * {@code /wallboard}: the page a business puts on a screen: today's figures per queue, calls
 * waiting and the longest wait, and the latest calls, as they change. It holds no data: the browser
 * signs in with an API key pasted into its form (session storage, sent only as a header) and
 * follows {@code /api/v1/cti/live}. It goes out with {@link WebPage}'s headers.
 */
@Path("/wallboard")
@Tag(name = CtiTag.NAME, description = CtiTag.DESCRIPTION)
public class WallboardPage {

  private final Template page;
  private final byte[] script;
  private final byte[] style;

  WallboardPage(@Location("cti/wallboard.html") Template page) {
    this.page = page;
    this.script = WebPage.file(WallboardPage.class, "wallboard.js");
    this.style = WebPage.file(WallboardPage.class, "wallboard.css");
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "The wallboard web page",
      description =
          "A page for a screen: sign in by pasting an API key (kept in the browser's session"
              + " storage, sent only as a header), then today's figures per queue (in the"
              + " browser's time zone), calls waiting, the longest wait and the latest calls,"
              + " live from /api/v1/cti/live; it reconnects by itself.")
  @APIResponse(
      responseCode = "200",
      description = "The page; it follows the live stream from the browser",
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
  @Path("wallboard.js")
  @Produces("text/javascript")
  @Operation(summary = "The wallboard's script", description = "Static; the page loads it.")
  @APIResponse(
      responseCode = "200",
      description = "The script",
      content = @Content(mediaType = "text/javascript", schema = @Schema(type = SchemaType.STRING)))
  public Response script() {
    return WebPage.guarded(script, "text/javascript;charset=UTF-8");
  }

  @GET
  @Path("wallboard.css")
  @Produces("text/css")
  @Operation(summary = "The wallboard's style sheet", description = "Static; the page loads it.")
  @APIResponse(
      responseCode = "200",
      description = "The style sheet",
      content = @Content(mediaType = "text/css", schema = @Schema(type = SchemaType.STRING)))
  public Response style() {
    return WebPage.guarded(style, "text/css;charset=UTF-8");
  }
}
