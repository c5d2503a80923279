package io.voxhost.cti.api.http;

import io.voxhost.cti.CtiConfig;
import io.voxhost.cti.service.CallEvent;
import io.voxhost.cti.service.EventInput;
import io.voxhost.cti.service.EventRoute;
import io.voxhost.cti.service.EventRules;
import io.voxhost.cti.service.IngestFull;
import io.voxhost.cti.service.Ingested;
import io.voxhost.platform.api.problem.ApiProblem;
import io.voxhost.platform.api.problem.Problem.FieldError;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.InvalidInput.FieldProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What every way of sending events shares: each input checked, the good ones queued in chunks the
 * writer takes whole, the answer once they are committed, the queues' refusals as 429 and 503.
 */
@ApplicationScoped
public class EventSubmission {

  private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final EventRoute ingest;
  private final EventRules rules;
  private final int chunk;

  EventSubmission(EventRoute ingest, CtiConfig config) {
    this.ingest = ingest;
    this.rules = new EventRules(Clock.systemUTC());
    this.chunk = Math.min(config.maxBatch(), config.tenantQueue());
  }

  /** An event that was not taken, and why. */
  @Schema(description = "An event of the request that was not taken")
  public record Rejected(
      @Schema(description = "Its index in a JSON array, from 0; null for lines") Integer index,
      @Schema(description = "Its line in a CSV or log body, from 1; null for JSON") Long line,
      @Schema(description = "What is wrong, field by field") List<FieldError> errors) {}

  /** What became of a request's events. */
  @Schema(description = "What became of the events, once the accepted ones are committed")
  public record Answer(
      @Schema(description = "Events stored now") int accepted,
      @Schema(description = "Events stored before (sent again): acknowledged, kept once")
          int duplicates,
      @Schema(description = "Events that are not events, each with its problems")
          List<Rejected> rejected) {}

  /** One input and where it stood in the request. */
  public record Placed(EventInput input, Integer index, Long line, List<FieldProblem> shape) {}

  /**
   * Checks and sends the events, blocking the (worker) caller until each chunk is committed: a
   * large body goes in as fast as the writer takes it, never more than the tenant's share at once.
   */
  public Answer send(UUID tenant, List<Placed> inputs) {
    List<CallEvent> events = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    for (Placed p : inputs) {
      EventRules.Checked checked = p.shape().isEmpty() ? rules.check(p.input()) : null;
      if (checked != null && checked.ok()) {
        events.add(checked.event());
      } else {
        List<FieldProblem> problems = checked == null ? p.shape() : checked.problems();
        rejected.add(
            new Rejected(
                p.index(),
                p.line(),
                problems.stream().map(f -> new FieldError(f.field(), f.message())).toList()));
      }
    }
    int accepted = 0;
    int duplicates = 0;
    for (int from = 0; from < events.size(); from += chunk) {
      List<CallEvent> part = events.subList(from, Math.min(events.size(), from + chunk));
      try {
        Ingested done = ingest.submit(tenant, part).join();
        accepted += done.accepted();
        duplicates += done.duplicates();
      } catch (IngestFull e) {
        throw refusal(e);
      } catch (CompletionException e) {
        if (e.getCause() instanceof IngestFull full) {
          throw refusal(full);
        }
        if (e.getCause() instanceof InvalidInput refused) {
          throw refused;
        }
        throw e;
      }
    }
    return new Answer(accepted, duplicates, rejected);
  }

  private static ApiProblem refusal(IngestFull e) {
    return e.tenantsShare()
        ? ApiProblem.tooManyRequests(e.getMessage(), RETRY_AFTER)
        : ApiProblem.busy(e.getMessage(), RETRY_AFTER);
  }
}
