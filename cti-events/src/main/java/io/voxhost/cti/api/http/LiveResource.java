package io.voxhost.cti.api.http;

import io.voxhost.cti.api.http.KpiResource.IntervalView;
import io.voxhost.cti.service.CallRecord;
import io.voxhost.cti.service.LiveBoard;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's calls and queues as they change: a Server-Sent Events stream. */
@Path("/api/v1/cti/live")
@Tag(name = CtiTag.NAME, description = CtiTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CtiTag.TENANT_ONLY)
public class LiveResource {

  /** Events a client may have waiting to be written; one more and its stream ends. */
  static final int MAX_PENDING = 64;

  private final AuthenticatedClient client;
  private final LiveBoard board;

  LiveResource(AuthenticatedClient client, LiveBoard board) {
    this.client = client;
    this.board = board;
  }

  @Schema(description = "A tenant's queues and open calls now (event board)")
  public record BoardView(
      @Schema(description = "When it was looked at") Instant at,
      @Schema(description = "The zone today is in") String zone,
      @Schema(description = "All of today's calls, or null before the first ended")
          IntervalView total,
      @Schema(description = "Each queue: today's figures and its calls now") List<QueueView> queues,
      @Schema(description = "The open calls, by start") List<CallView> open,
      @Schema(description = "Whether there were more than 500 open calls (the first 500 shown)")
          boolean more) {}

  @Schema(description = "One queue on the board")
  public record QueueView(
      @Schema(description = "The queue") String queue,
      @Schema(description = "Calls waiting in it now") int waiting,
      @Schema(description = "When the longest waiting call entered it, or null")
          Instant oldestWaitingSince,
      @Schema(description = "Its calls answered and still going") int talking,
      @Schema(description = "Today's figures of its ended calls, or null before the first")
          IntervalView today) {}

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      summary = "Live calls and queues",
      description =
          "A text/event-stream of the tenant's calls and queues: an event board (BoardView: today's"
              + " figures per queue in zone, calls waiting and talking, the open calls) when the"
              + " stream opens and whenever the tenant's calls change (at most twice a second),"
              + " and an event call (CallView) for each call whose state changed: opened, queued,"
              + " answered, ended with its outcome. A call that opens and ends within half a"
              + " second shows only in the figures. A comment every 15 s keeps proxies from"
              + " closing the stream. A client that does not read ends its stream; so does a"
              + " node going down: reconnect.")
  @APIResponse(
      responseCode = "200",
      description = "The stream: events board (BoardView) and call (CallView)",
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(type = SchemaType.STRING)))
  @APIResponse(responseCode = "400", description = "zone or treatment is not one of theirs")
  @APIResponse(
      responseCode = "429",
      description = "The tenant, or the node, has all the live streams it may open")
  public void stream(
      @Context SseEventSink sink,
      @Context Sse sse,
      @Parameter(description = "The IANA time zone today is in")
          @QueryParam("zone")
          @DefaultValue("UTC")
          String zone,
      @Parameter(description = "How serviceLevel counts abandons: ignore, negative, positive")
          @QueryParam("treatment")
          @DefaultValue("ignore")
          String treatment) {
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw ApiProblem.badRequest("zone is no IANA time zone", List.of());
    }
    if (!List.of("ignore", "negative", "positive").contains(treatment)) {
      throw ApiProblem.badRequest("treatment is ignore, negative or positive", List.of());
    }
    Stream stream = new Stream(sink, sse, treatment);
    try {
      stream.watch.set(board.watch(client.tenantId(), zoneId, stream));
    } catch (LiveBoard.Busy e) {
      throw ApiProblem.tooManyRequests(e.getMessage(), Duration.ofSeconds(10));
    }
  }

  /** One client's stream: what it has not written yet is bounded. */
  private static final class Stream implements LiveBoard.Watcher {
    private final SseEventSink sink;
    private final Sse sse;
    private final String treatment;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<LiveBoard.Watch> watch = new AtomicReference<>();
    private long lastWrite = System.nanoTime();

    Stream(SseEventSink sink, Sse sse, String treatment) {
      this.sink = sink;
      this.sse = sse;
      this.treatment = treatment;
    }

    @Override
    public void board(LiveBoard.Board b) {
      send(
          sse.newEventBuilder()
              .name("board")
              .mediaType(MediaType.APPLICATION_JSON_TYPE)
              .data(BoardView.class, view(b))
              .build());
    }

    @Override
    public void changed(List<CallRecord> calls) {
      for (CallRecord c : calls) {
        send(
            sse.newEventBuilder()
                .name("call")
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(CallView.class, CallView.of(c))
                .build());
      }
    }

    @Override
    public void idle() {
      if (System.nanoTime() - lastWrite > Duration.ofSeconds(15).toNanos()) {
        send(sse.newEventBuilder().comment("still here").build());
      }
    }

    private void send(OutboundSseEvent event) {
      if (sink.isClosed() || pending.incrementAndGet() > MAX_PENDING) {
        end();
        return;
      }
      lastWrite = System.nanoTime();
      sink.send(event)
          .whenComplete(
              (ok, failure) -> {
                pending.decrementAndGet();
                if (failure != null) {
                  end();
                }
              });
    }

    private void end() {
      LiveBoard.Watch w = watch.get();
      if (w != null) {
        w.close();
      }
      if (!sink.isClosed()) {
        sink.close();
      }
    }

    private BoardView view(LiveBoard.Board b) {
      IntervalView total = null;
      Map<String, QueueView> queues = new LinkedHashMap<>();
      for (var row : b.today()) {
        IntervalView v = KpiResource.view(row, treatment);
        if (row.queue().isEmpty()) {
          total = v;
        } else {
          queues.put(row.queue(), new QueueView(row.queue(), 0, null, 0, v));
        }
      }
      for (CallRecord c : b.open()) {
        if (c.queue() == null) {
          continue;
        }
        QueueView q = queues.getOrDefault(c.queue(), new QueueView(c.queue(), 0, null, 0, null));
        boolean waiting = c.queueEntered() != null && c.queueLeft() == null && c.answered() == null;
        boolean talking = c.answered() != null;
        Instant oldest = q.oldestWaitingSince();
        if (waiting && (oldest == null || c.queueEntered().isBefore(oldest))) {
          oldest = c.queueEntered();
        }
        queues.put(
            c.queue(),
            new QueueView(
                c.queue(),
                q.waiting() + (waiting ? 1 : 0),
                oldest,
                q.talking() + (talking ? 1 : 0),
                q.today()));
      }
      return new BoardView(
          b.at(),
          b.zone().getId(),
          total,
          List.copyOf(queues.values()),
          b.open().stream().map(CallView::of).toList(),
          b.more());
    }
  }
}
