package io.voxhost.platform.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in, in the platform's tests only, for call-recording's resources under {@code
 * /api/v1/recordings}, so that the scope rule (which knows paths, not modules) is tried on real
 * routes: every method, a recording, its settings and its sessions. Counts the writes that got
 * through, which must stay at none for narrow keys.
 */
@ApplicationScoped
@Path("/api/v1/recordings")
@Produces(MediaType.TEXT_PLAIN)
public class RecordingsStandIn {

  private final AtomicInteger writes = new AtomicInteger();

  int writes() {
    return writes.get();
  }

  @GET
  public String list() {
    return "recordings";
  }

  @GET
  @Path("{id}")
  public String recording(@PathParam("id") String id) {
    return "recording " + id;
  }

  @GET
  @Path("{id}/audio.wav")
  public String audio(@PathParam("id") String id) {
    return "audio " + id;
  }

  @GET
  @Path("settings")
  public String settings() {
    return "settings";
  }

  @GET
  @Path("sessions")
  public String sessions() {
    return "sessions";
  }

  @POST
  public String upload() {
    return write();
  }

  @PUT
  @Path("settings")
  public String changeSettings() {
    return write();
  }

  @PATCH
  @Path("{id}")
  public String change(@PathParam("id") String id) {
    return write();
  }

  @DELETE
  @Path("{id}")
  public String delete(@PathParam("id") String id) {
    return write();
  }

  private String write() {
    writes.incrementAndGet();
    return "written";
  }
}
