package io.voxhost.cti.api.http;

import io.smallrye.common.annotation.Blocking;
import io.voxhost.cti.service.CallFigures;
import io.voxhost.cti.service.FigureStore;
import io.voxhost.cti.service.FigureStore.FigureRow;
import io.voxhost.cti.service.QueueTarget;
import io.voxhost.cti.service.QueueTargets;
import io.voxhost.platform.api.InstantParameter;
import io.voxhost.platform.api.auth.AuthenticatedClient;
import io.voxhost.platform.api.problem.ApiProblem;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's business figures: per interval, for all calls, a queue or an agent. */
@Path("/api/v1/cti/kpis")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = CtiTag.NAME, description = CtiTag.DESCRIPTION)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "403", description = CtiTag.TENANT_ONLY)
public class KpiResource {

  /** Rows one answer may have. */
  static final int MAX_ROWS = 10_000;

  /** The longest range each interval may cover. */
  private static final Map<String, Duration> MAX_RANGE =
      Map.of(
          "15m", Duration.ofDays(31), "hour", Duration.ofDays(366), "day", Duration.ofDays(3660));

  private final AuthenticatedClient client;
  private final FigureStore figures;
  private final QueueTargets targets;

  KpiResource(AuthenticatedClient client, FigureStore figures, QueueTargets targets) {
    this.client = client;
    this.figures = figures;
    this.targets = targets;
  }

  @Schema(description = "Figures of a range of intervals")
  public record FiguresView(
      @Schema(description = "15m, hour or day") String interval,
      @Schema(description = "The time zone days and hours start in") String zone,
      @Schema(description = "ignore, negative or positive: how serviceLevel counts abandons")
          String treatment,
      @Schema(
              description =
                  "The service level's T, ms, that calls of the queue asked for (or the tenant's"
                      + " calls) are counted with now (GET /api/v1/cti/targets); calls counted"
                      + " earlier kept theirs")
          long serviceLevelMs,
      @Schema(description = "The short-abandon time, ms, counted with now, likewise")
          long shortAbandonMs,
      @Schema(description = "The intervals that had calls, by start, queue and agent")
          List<IntervalView> rows) {}

  @Schema(description = "One interval's figures")
  public record IntervalView(
      @Schema(description = "The interval's start") Instant start,
      @Schema(description = "The queue, or null for all calls") String queue,
      @Schema(description = "The agent, or null for all agents") String agent,
      @Schema(description = "Calls that ended (started in the interval)") long offered,
      @Schema(description = "Answered, transferred ones included") long answered,
      @Schema(description = "Abandoned after the short-abandon time") long abandoned,
      @Schema(description = "Abandoned before the short-abandon time, reported apart")
          long shortAbandoned,
      @Schema(description = "Answered, then transferred") long transferred,
      @Schema(description = "Agents that rang and did not answer") long ringNoAnswers,
      @Schema(description = "answered / offered, or null") Double asr,
      @Schema(description = "Average talk time of answered calls, ms, or null") Long acdMs,
      @Schema(description = "Average speed of answer, ms, or null") Long asaMs,
      @Schema(
              description =
                  "Service level by the chosen treatment: ignore (Asterisk's: answered within T /"
                      + " answered), negative (answered within T / (answered + abandoned)),"
                      + " positive (SL2); null without calls")
          Double serviceLevel,
      @Schema(
              description =
                  "Asterisk's SL2: (answered + abandoned within T) / (answered + abandoned)")
          Double serviceLevel2,
      @Schema(
              description =
                  "An agent's row: milliseconds logged in to at least one queue, paused or not;"
                      + " else null")
          Long staffedMs,
      @Schema(description = "An agent's row: of those, milliseconds paused; else null")
          Long pausedMs,
      @Schema(
              description =
                  "An agent's row: talk time of the calls it answered that started in the"
                      + " interval / its staffed time not paused; null without such time")
          Double occupancy) {}

  @GET
  @Blocking
  @Operation(
      summary = "Business figures",
      description =
          "Offered, answered and abandoned calls, ASR, ACD, ASA and service levels per interval,"
              + " from the call records (a call counts once it has ended, in the interval it"
              + " started in). queue and agent absent: all calls; a name: that queue or agent;"
              + " *: each queue or each agent by itself.")
  @APIResponse(responseCode = "200", description = "The intervals that had calls")
  @APIResponse(
      responseCode = "400",
      description =
          "An unknown interval, treatment or zone, from or to no ISO-8601 instant or in the"
              + " wrong order, a range too long for the interval, or more than 10,000 rows")
  public FiguresView figures(
      @Parameter(description = "From this ISO-8601 instant; a day before to if absent")
          @QueryParam("from")
          String from,
      @Parameter(description = "Until this ISO-8601 instant (exclusive); now if absent")
          @QueryParam("to")
          String to,
      @Parameter(description = "15m (at most 31 days), hour (366 days) or day")
          @QueryParam("interval")
          @DefaultValue("hour")
          String interval,
      @Parameter(description = "The IANA time zone days and hours start in")
          @QueryParam("zone")
          @DefaultValue("UTC")
          String zone,
      @Parameter(description = "A queue, or * for each queue; absent for all calls")
          @QueryParam("queue")
          String queue,
      @Parameter(description = "An agent, or * for each agent; absent for all agents")
          @QueryParam("agent")
          String agent,
      @Parameter(description = "How serviceLevel counts abandons: ignore, negative, positive")
          @QueryParam("treatment")
          @DefaultValue("ignore")
          String treatment) {
    Duration maxRange = MAX_RANGE.get(interval);
    if (maxRange == null) {
      throw ApiProblem.badRequest("interval is 15m, hour or day", List.of());
    }
    if (!List.of("ignore", "negative", "positive").contains(treatment)) {
      throw ApiProblem.badRequest("treatment is ignore, negative or positive", List.of());
    }
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw ApiProblem.badRequest("zone is no IANA time zone", List.of());
    }
    Instant until = InstantParameter.read("to", to);
    Instant end = until == null ? Instant.now() : until;
    Instant since = InstantParameter.read("from", from);
    Instant start = since == null ? end.minus(Duration.ofDays(1)) : since;
    if (!start.isBefore(end)) {
      throw ApiProblem.badRequest("from must be before to", List.of());
    }
    if (Duration.between(start, end).compareTo(maxRange) > 0) {
      throw ApiProblem.badRequest(
          "a range of " + interval + " intervals covers " + maxRange.toDays() + " days at most",
          List.of());
    }
    List<FigureRow> rows =
        figures.sums(
            client.tenantId(),
            start,
            end,
            interval,
            zoneId,
            selected(queue),
            selected(agent),
            MAX_ROWS + 1);
    if (rows.size() > MAX_ROWS) {
      throw ApiProblem.badRequest(
          "more than " + MAX_ROWS + " rows: ask for a shorter range or a longer interval",
          List.of());
    }
    // A named queue's target, else the tenant's: what calls counted now are held to.
    QueueTarget now =
        targets.of(client.tenantId(), queue == null || queue.equals("*") ? null : queue);
    return new FiguresView(
        interval,
        zoneId.getId(),
        treatment,
        now.serviceLevelMs(),
        now.shortAbandonMs(),
        rows.stream().map(r -> view(r, treatment)).toList());
  }

  /** Absent: all together; *: each by itself (null to the store); else that one. */
  private static String selected(String value) {
    if (value == null || value.isEmpty()) {
      return CallFigures.ALL;
    }
    return value.equals("*") ? null : value;
  }

  static IntervalView view(FigureRow row, String treatment) {
    CallFigures.Counts c = row.counts();
    long handled = c.answered() + c.abandoned();
    Double sl =
        switch (treatment) {
          case "negative" -> ratio(c.answeredInSl(), handled);
          case "positive" -> ratio(c.answeredInSl() + c.abandonedInSl(), handled);
          default -> ratio(c.answeredInSl(), c.answered());
        };
    return new IntervalView(
        row.start(),
        row.queue().isEmpty() ? null : row.queue(),
        row.agent().isEmpty() ? null : row.agent(),
        c.offered(),
        c.answered(),
        c.abandoned(),
        c.shortAbandoned(),
        c.transferred(),
        c.ringNoAnswers(),
        ratio(c.answered(), c.offered()),
        c.answered() == 0 ? null : c.talkMillis() / c.answered(),
        c.answered() == 0 ? null : c.waitMillis() / c.answered(),
        sl,
        ratio(c.answeredInSl() + c.abandonedInSl(), handled),
        row.time() == null ? null : row.time().staffedMillis(),
        row.time() == null ? null : row.time().pausedMillis(),
        row.time() == null
            ? null
            : ratio(c.talkMillis(), row.time().staffedMillis() - row.time().pausedMillis()));
  }

  private static Double ratio(long part, long whole) {
    return whole <= 0 ? null : (double) part / whole;
  }
}
