package io.voxhost.cti.service;

import io.voxhost.cti.CtiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one call record counts in the business figures (cti.md, "Figures"): nothing while it is open
 * or unreadable; once ended, one offered call in its start's 15-minute bucket for the tenant, for
 * its queue, and for the agent who answered it, with how it went. The builder adds the difference
 * between a call's new and old counts, so counts are never taken again from the calls.
 */
@ApplicationScoped
public class CallFigures {

  /** The bucket's length in seconds: 15 minutes. */
  public static final long BUCKET_SECONDS = 900;

  /** The row of all queues or all agents. */
  public static final String ALL = "";

  /**
   * One row of the figures.
   *
   * @param tenant the tenant
   * @param bucket the start of the 15 minutes
   * @param queue the queue, or {@link #ALL}
   * @param agent the agent, or {@link #ALL}
   */
  public record Row(UUID tenant, Instant bucket, String queue, String agent) {}

  private final QueueTarget node;

  CallFigures(CtiConfig config) {
    this.node =
        new QueueTarget(
            (int) Math.min(Integer.MAX_VALUE, config.serviceLevel().toMillis()),
            (int) Math.min(Integer.MAX_VALUE, config.shortAbandon().toMillis()));
  }

  /** The node's target: {@code voxhost.cti.service-level} and {@code short-abandon}. */
  public QueueTarget nodeTarget() {
    return node;
  }

  /** The start of the 15-minute bucket {@code at} is in. */
  public static Instant bucketOf(Instant at) {
    return Instant.ofEpochSecond(
        Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS) * BUCKET_SECONDS);
  }

  /**
   * Adds {@code sign} times what {@code call} counts, held to {@code target}, to {@code into}: the
   * tenant's row, its queue's, and the answering agent's (of all queues and of the queue), with
   * each ring-no-answer on the row of the agent that rang. {@code legacy} takes out a record
   * counted before agents' rows per queue and their own ring-no-answers existed, as it went in.
   */
  public void add(
      UUID tenant,
      CallRecord call,
      QueueTarget target,
      int sign,
      boolean legacy,
      Map<Row, Counts> into) {
    if (call.state() == CallState.OPEN
        || call.state() == CallState.UNREADABLE
        || call.outcome() == null) {
      return;
    }
    Counts c = counts(call, target);
    Instant bucket = bucketOf(call.started());
    String queue = call.queue();
    into.merge(new Row(tenant, bucket, ALL, ALL), c.times(sign), Counts::plus);
    if (queue != null) {
      into.merge(new Row(tenant, bucket, queue, ALL), c.times(sign), Counts::plus);
    }
    String agent = call.answeredBy();
    boolean byAgent = agent != null && call.agents().contains(agent);
    if (legacy) {
      if (byAgent) {
        into.merge(new Row(tenant, bucket, ALL, agent), c.times(sign), Counts::plus);
      }
      return;
    }
    Map<String, Integer> missed = new HashMap<>();
    for (String a : call.missedBy()) {
      missed.merge(a, 1, Integer::sum);
    }
    if (byAgent) {
      Counts own = c.withRingNoAnswers(missed.getOrDefault(agent, 0)).times(sign);
      into.merge(new Row(tenant, bucket, ALL, agent), own, Counts::plus);
      if (queue != null) {
        into.merge(new Row(tenant, bucket, queue, agent), own, Counts::plus);
      }
    }
    missed.forEach(
        (a, n) -> {
          if (!byAgent || !a.equals(agent)) {
            Counts rang = Counts.ringNoAnswersOnly(n).times(sign);
            into.merge(new Row(tenant, bucket, ALL, a), rang, Counts::plus);
            if (queue != null) {
              into.merge(new Row(tenant, bucket, queue, a), rang, Counts::plus);
            }
          }
        });
  }

  /** A fresh map for {@link #add}. */
  public static Map<Row, Counts> none() {
    return new HashMap<>();
  }

  private static Counts counts(CallRecord call, QueueTarget target) {
    long serviceLevelMillis = target.serviceLevelMs();
    long shortAbandonMillis = target.shortAbandonMs();
    boolean answered =
        call.outcome() == CallOutcome.ANSWERED || call.outcome() == CallOutcome.TRANSFERRED;
    long wait = call.waitMillis() == null ? 0 : call.waitMillis();
    boolean abandonedCall = call.outcome() == CallOutcome.ABANDONED;
    boolean isShort = abandonedCall && wait < shortAbandonMillis;
    boolean abandoned = abandonedCall && !isShort;
    return new Counts(
        1,
        answered ? 1 : 0,
        answered && wait <= serviceLevelMillis ? 1 : 0,
        abandoned ? 1 : 0,
        abandoned && wait <= serviceLevelMillis ? 1 : 0,
        isShort ? 1 : 0,
        call.outcome() == CallOutcome.TRANSFERRED ? 1 : 0,
        answered ? wait : 0,
        answered && call.talkMillis() != null ? call.talkMillis() : 0,
        call.ringNoAnswers());
  }

  /**
   * The counters of a row: sums, so that rows add up.
   *
   * @param offered calls that ended
   * @param answered answered (transferred ones included)
   * @param answeredInSl answered within the service level
   * @param abandoned abandoned after the short-abandon threshold
   * @param abandonedInSl of those, abandoned within the service level
   * @param shortAbandoned abandoned before the short-abandon threshold (reported apart)
   * @param transferred answered, then transferred
   * @param waitMillis the answered calls' waits, summed
   * @param talkMillis the answered calls' talk, summed
   * @param ringNoAnswers agents that rang and did not answer
   */
  public record Counts(
      long offered,
      long answered,
      long answeredInSl,
      long abandoned,
      long abandonedInSl,
      long shortAbandoned,
      long transferred,
      long waitMillis,
      long talkMillis,
      long ringNoAnswers) {

    Counts times(int sign) {
      return new Counts(
          sign * offered,
          sign * answered,
          sign * answeredInSl,
          sign * abandoned,
          sign * abandonedInSl,
          sign * shortAbandoned,
          sign * transferred,
          sign * waitMillis,
          sign * talkMillis,
          sign * ringNoAnswers);
    }

    /** The same, with {@code n} ring-no-answers instead. */
    Counts withRingNoAnswers(long n) {
      return new Counts(
          offered,
          answered,
          answeredInSl,
          abandoned,
          abandonedInSl,
          shortAbandoned,
          transferred,
          waitMillis,
          talkMillis,
          n);
    }

    /** An agent's rings that were not answered, and nothing else. */
    static Counts ringNoAnswersOnly(long n) {
      return new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, n);
    }

    public Counts plus(Counts o) {
      return new Counts(
          offered + o.offered,
          answered + o.answered,
          answeredInSl + o.answeredInSl,
          abandoned + o.abandoned,
          abandonedInSl + o.abandonedInSl,
          shortAbandoned + o.shortAbandoned,
          transferred + o.transferred,
          waitMillis + o.waitMillis,
          talkMillis + o.talkMillis,
          ringNoAnswers + o.ringNoAnswers);
    }

    /** Whether every counter is zero (a change that counts nothing). */
    public boolean isZero() {
      return equals(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
  }
}
