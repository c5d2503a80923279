package io.voxhost.recording.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /recordings}: the page where a business lists, plays, downloads and deletes its
 * recordings. It holds no data itself: the browser signs in with an API key kept in its session
 * storage and calls the API; audio plays through signed links, so the key never reaches a URL.
 */
@Path("/recordings")
@Tag(name = RecordingTag.NAME, description = RecordingTag.DESCRIPTION)
public class RecordingPage {

  private final Template page;

  RecordingPage(@Location("recording/page.html") Template page) {
    this.page = page;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @Operation(
      summary = "The recordings web page",
      description =
          "A page for people: sign in with an API key (kept in the browser's session storage,"
              + " sent only as a header), filter, page through, play, download and delete"
              + " recordings. It holds no data; audio plays through signed links.")
  @APIResponse(
      responseCode = "200",
      description = "The page; it calls the API from the browser",
      content =
          @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
  public String get() {
    return page.render();
  }
}
