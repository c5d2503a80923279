package io.voxhost.recording.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.recording.service.CapacityExhausted;
import io.voxhost.recording.service.CaptureSession;
import io.voxhost.recording.service.CapturedLeg;
import io.voxhost.recording.service.LegCounters;
import io.voxhost.recording.service.RecordingStatus;
import io.voxhost.recording.service.Recordings;
import io.voxhost.recording.service.SessionRequest;
import io.voxhost.recording.service.Sessions;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Capture sessions: a media server asks for ports, forks RTP to them, and stops. */
@Path("/api/v1/recordings/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "recordings")
@SecurityRequirement(name = "apiKey")
public class SessionResource {

  private final AuthenticatedClient client;
  private final Sessions sessions;
  private final Recordings recordings;

  SessionResource(AuthenticatedClient client, Sessions sessions, Recordings recordings) {
    this.client = client;
    this.sessions = sessions;
    this.recordings = recordings;
  }

  /** A leg as asked for. */
  public record LegRequest(String label) {}

  public record CreateRequest(
      String callId,
      String from,
      String to,
      String direction,
      String codec,
      List<LegRequest> legs,
      Map<String, Object> metadata) {}

  /** A leg as answered: where to send it, and (while open) what came. */
  public record LegView(
      String label,
      String host,
      int port,
      Long packets,
      Long bytes,
      Long foreign,
      Long malformed,
      Long rtcp,
      Long excess,
      Instant lastPacketAt) {}

  public record SessionView(
      UUID id,
      RecordingStatus status,
      String callId,
      String codec,
      List<LegView> legs,
      String stopReason) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(CreateRequest body) {
    if (body == null) {
      throw ApiProblem.badRequest("a JSON body is required", List.of());
    }
    List<String> labels =
        body.legs() == null
            ? List.of()
            : body.legs().stream().map(l -> l == null ? null : l.label()).toList();
    try {
      CaptureSession s =
          sessions.create(
              client.tenantId(),
              new SessionRequest(
                  body.callId(),
                  body.from(),
                  body.to(),
                  body.direction(),
                  body.codec(),
                  labels,
                  body.metadata()));
      return Response.status(201).entity(view(s)).build();
    } catch (CapacityExhausted e) {
      throw ApiProblem.ofStatus(503, e.getMessage());
    }
  }

  @GET
  @Path("{id}")
  public SessionView get(@PathParam("id") UUID id) {
    UUID tenant = client.tenantId();
    return sessions
        .open(tenant, id)
        .map(this::view)
        .orElseGet(
            () ->
                recordings
                    .find(tenant, id)
                    .filter(r -> r.source().equals("capture"))
                    .map(
                        r ->
                            new SessionView(
                                r.id(), r.status(), r.callId(), r.codec(), List.of(), null))
                    .orElseThrow(() -> ApiProblem.notFound("no such recording session")));
  }

  /** Ends the capture; the recording is then assembled (status processing, then completed). */
  @POST
  @Path("{id}/stop")
  public Response stop(@PathParam("id") UUID id) {
    UUID tenant = client.tenantId();
    if (sessions.stop(tenant, id, "stopped")) {
      return Response.status(202)
          .entity(new SessionView(id, RecordingStatus.PROCESSING, null, null, List.of(), "stopped"))
          .build();
    }
    return Response.ok(get(id)).build();
  }

  private SessionView view(CaptureSession s) {
    String host = sessions.advertisedHost();
    List<LegView> legs =
        s.legs().stream()
            .map(
                (CapturedLeg leg) -> {
                  LegCounters c = leg.counters();
                  return new LegView(
                      leg.label(),
                      host,
                      leg.port(),
                      c.packets(),
                      c.bytes(),
                      c.foreign(),
                      c.malformed(),
                      c.rtcp(),
                      c.excess(),
                      c.lastPacketMicros() < 0
                          ? null
                          : Instant.ofEpochSecond(
                              c.lastPacketMicros() / 1_000_000,
                              (c.lastPacketMicros() % 1_000_000) * 1000));
                })
            .toList();
    return new SessionView(
        s.recording().id(),
        s.stopping() ? RecordingStatus.PROCESSING : RecordingStatus.IN_PROGRESS,
        s.recording().callId(),
        s.recording().codec(),
        legs,
        s.stopReason());
  }
}
