package io.voxhost.recording.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /recordings}: the page where a business lists, plays, downloads and deletes its
 * recordings. It holds no data itself: the browser signs in with an API key kept in its session
 * storage and calls the API; audio plays through signed links, so the key never reaches a URL.
 */
@Path("/recordings")
public class RecordingPage {

  private final Template page;

  RecordingPage(@Location("recording/page.html") Template page) {
    this.page = page;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public String get() {
    return page.render();
  }
}
