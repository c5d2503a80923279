package io.voxhost.recording.api;

import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.recording.service.CapacityExhausted;
import io.voxhost.recording.service.CaptureSession;
import io.voxhost.recording.service.CapturedLeg;
import io.voxhost.recording.service.LegCounters;
import io.voxhost.recording.service.RecordingStatus;
import io.voxhost.recording.service.Recordings;
import io.voxhost.recording.service.SessionRequest;
import io.voxhost.recording.service.Sessions;
import io.voxhost.recording.service.StorageLow;
import io.voxhost.recording.service.TenantSessionLimit;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Capture sessions: a media server asks for ports, forks RTP to them, and stops. */
@Path("/api/v1/recordings/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = RecordingTag.NAME, description = RecordingTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = RecordingTag.TENANT_ONLY)
public class SessionResource {

  private static final String ID = "The session's id, which is its recording's";
  private static final String NO_SESSION =
      "The tenant has no capture session (or recording made by one) with that id.";

  private final AuthenticatedClient client;
  private final Sessions sessions;
  private final Recordings recordings;

  SessionResource(AuthenticatedClient client, Sessions sessions, Recordings recordings) {
    this.client = client;
    this.sessions = sessions;
    this.recordings = recordings;
  }

  /** A leg as asked for. */
  @Schema(description = "One leg of the call: one UDP port, one channel of the recording")
  public record LegRequest(
      @Schema(
              description = "The leg's name, such as caller: 1 to 64 characters, each leg its own",
              examples = "caller")
          String label,
      @Schema(
              description =
                  "The address or network (CIDR) the leg's RTP must come from, such as"
                      + " 192.0.2.10, 192.0.2.0/24 or 2001:db8::/32: an IP literal, never a host"
                      + " name. Packets from elsewhere are dropped and counted as foreign, so a"
                      + " stranger who finds the port cannot take the leg. Unset: the first valid"
                      + " RTP packet's source, whoever it is, becomes the leg's only one.",
              examples = "192.0.2.10",
              nullable = true)
          String source) {}

  @Schema(description = "A call to record")
  public record CreateRequest(
      @Schema(description = "The call's id, as the media server knows it; up to 256 characters")
          String callId,
      @Schema(description = "The calling number, up to 256 characters") String from,
      @Schema(description = "The called number, up to 256 characters") String to,
      @Schema(description = "Such as inbound or outbound, up to 256 characters") String direction,
      @Schema(description = "The G.711 law of the RTP: PCMU or PCMA") String codec,
      @Schema(description = "The call's legs, 1 to 16, in channel order") List<LegRequest> legs,
      @Schema(
              description =
                  "Any JSON object kept with the recording, such as {\"queue\":\"support\"}")
          Map<String, Object> metadata) {}

  /** A leg as answered: where to send it, and (while open) what came. */
  @Schema(description = "A leg of an open session: where to send its RTP, and what came so far")
  public record LegView(
      @Schema(description = "The leg's name") String label,
      @Schema(
              description =
                  "The address or network the leg takes RTP from, as the session named it; null"
                      + " when the first valid packet's source is taken")
          String source,
      @Schema(
              description =
                  "Address to send the leg's RTP to (voxhost.recording.advertised-host, or the"
                      + " listen address)")
          String host,
      @Schema(description = "UDP port to send the leg's RTP to; RTCP may come on it too") int port,
      @Schema(description = "RTP packets taken into the recording") Long packets,
      @Schema(description = "Payload bytes of those packets") Long bytes,
      @Schema(
              description =
                  "Packets dropped for coming from another source than the one the leg's first"
                      + " valid packet came from, or from outside the leg's source")
          Long foreign,
      @Schema(description = "Datagrams dropped for being neither valid RTP nor RTCP")
          Long malformed,
      @Schema(description = "RTCP packets, counted and skipped") Long rtcp,
      @Schema(
              description =
                  "Packets dropped for going over the leg's allowance of one G.711 stream's"
                      + " worth")
          Long excess,
      @Schema(description = "When the last packet was taken, or null before the first")
          Instant lastPacketAt) {}

  @Schema(description = "A capture session, the recording it makes")
  public record SessionView(
      @Schema(description = "The session's id, which is its recording's") UUID id,
      @Schema(
              description =
                  "in-progress while capturing, processing once stopped; after that the"
                      + " recording's: completed, absent (no RTP came) or failed")
          RecordingStatus status,
      @Schema(description = "The call's id, as given; null in the answer to a stop") String callId,
      @Schema(description = "PCMU or PCMA; null in the answer to a stop") String codec,
      @Schema(description = "The legs while the session is open; empty once it has ended")
          List<LegView> legs,
      @Schema(
              description =
                  "Why capture is ending (stopped, idle, max-duration or drain) while the session"
                      + " closes; null while capture runs and once the session has closed")
          String stopReason) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Open a capture session",
      description =
          "Opens one UDP port per leg on this node for the media server to fork the call's RTP"
              + " to (RFC 3550, G.711). The recording exists from now on, in-progress. Capture"
              + " ends on stop, after voxhost.recording.idle-timeout without RTP on any leg, or"
              + " after voxhost.recording.max-duration; the recording is then assembled. Ports are"
              + " drawn at random from the range. A leg takes RTP from one source only: the one"
              + " its source names, or else whoever sends the first valid packet; name it"
              + " wherever the media server's address is known.")
  @APIResponseSchema(
      value = SessionView.class,
      responseCode = "201",
      responseDescription = "The session: where to send each leg's RTP")
  @APIResponse(
      responseCode = "400",
      description =
          "No body, or the codec is not PCMU or PCMA, there are not 1 to 16 legs, a leg has no"
              + " label of its own (1 to 64 characters), a leg's source is not an IP address or"
              + " CIDR network (legs[i].source), or callId, from, to or direction is over 256"
              + " characters; errors names each.")
  @APIResponse(
      responseCode = "503",
      description =
          "This node cannot take the session now: it is shutting down, has"
              + " voxhost.recording.max-sessions open, or has no free RTP port. Open it on another"
              + " node.")
  @APIResponse(
      responseCode = "429",
      description =
          "The tenant has as many sessions open on this node as it may (its recording-limits"
              + " maxSessions, else voxhost.recording.max-sessions-per-tenant): stop one first."
              + " Type https://voxhost.io/problems/tenant-session-limit. (Also 429 when the"
              + " source sends too many failed authentications.)")
  @APIResponse(responseCode = "507", description = LimitProblems.INSUFFICIENT_STORAGE)
  public Response create(
      @RequestBody(description = "The call", required = true) CreateRequest body) {
    if (body == null) {
      throw ApiProblem.badRequest("a JSON body is required", List.of());
    }
    List<String> labels =
        body.legs() == null
            ? List.of()
            : body.legs().stream().map(l -> l == null ? null : l.label()).toList();
    List<String> legSources =
        body.legs() == null
            ? List.of()
            : body.legs().stream().map(l -> l == null ? null : l.source()).toList();
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
                  legSources,
                  body.metadata()));
      return Response.status(201).entity(view(s)).build();
    } catch (CapacityExhausted e) {
      throw ApiProblem.ofStatus(503, e.getMessage());
    } catch (TenantSessionLimit e) {
      throw LimitProblems.tenantSessionLimit(e.getMessage());
    } catch (StorageLow e) {
      throw LimitProblems.insufficientStorage(e.getMessage());
    }
  }

  @GET
  @Path("{id}")
  @Operation(
      summary = "Show a capture session",
      description =
          "While capture runs on this node: its legs with live counters. Once it has ended: the"
              + " recording's status, without legs. An open session on another node shows as its"
              + " recording (in-progress, no legs).")
  @APIResponse(responseCode = "200", description = "The session")
  @APIResponse(responseCode = "404", description = NO_SESSION)
  public SessionView get(@Parameter(description = ID) @PathParam("id") UUID id) {
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
  @Operation(
      summary = "Stop a capture session",
      description =
          "Ends the capture: the legs' ports close and the recording is assembled (status"
              + " processing, then completed, absent or failed). Stopping an ended session changes"
              + " nothing. Send it to the node that opened the session.")
  @APIResponse(
      responseCode = "202",
      description = "Stopped by this call: the recording is being assembled",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionView.class)))
  @APIResponse(
      responseCode = "200",
      description =
          "Not stopped by this call (stopping or ended already, or open on another node): the"
              + " session as GET shows it",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = SessionView.class)))
  @APIResponse(responseCode = "404", description = NO_SESSION)
  public Response stop(@Parameter(description = ID) @PathParam("id") UUID id) {
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
                      leg.expectedSource().map(IpNetwork::literal).orElse(null),
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
