package io.voxhost.cti.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An agent's logged-in and paused time, from its login, logoff, pause and unpause events (cti.md,
 * "Agents"). An agent is staffed while it is a member of at least one queue: a login adds its queue
 * (or every queue, {@link #EVERY_QUEUE}, when none is named), a logoff removes it (or all of them).
 * A pause, of one queue or all, pauses the agent until an unpause; a paused agent is staffed but
 * not available. An agent that leaves its last queue is unpaused. Time is cut into the figures'
 * 15-minute buckets.
 */
public final class AgentTimeline {

  /** A login or logoff that names no queue: all of them. */
  public static final String EVERY_QUEUE = "*";

  /**
   * Where an agent stands.
   *
   * @param queues the queues it is a member of; empty when logged off
   * @param paused whether it is paused
   */
  public record State(Set<String> queues, boolean paused) {
    public static final State OFF = new State(Set.of(), false);

    public State {
      queues = Set.copyOf(queues);
    }

    public boolean staffed() {
      return !queues.isEmpty();
    }
  }

  /** An agent's event: when, and which of the four with which queue. */
  public record AgentEvent(Instant at, EventType type, String queue) {}

  /** The state after an event, from its time. */
  public record Change(Instant at, State state) {}

  /**
   * Time of one bucket.
   *
   * @param bucket the bucket's start
   * @param staffedMillis logged in to at least one queue, paused or not
   * @param pausedMillis of which paused
   */
  public record Slice(Instant bucket, long staffedMillis, long pausedMillis) {}

  /**
   * What the events made of the agent's time.
   *
   * @param changes the state after each event
   * @param slices the buckets from the start to the last event that had staffed time
   * @param end the state after the last event
   */
  public record Replay(List<Change> changes, List<Slice> slices, State end) {}

  private AgentTimeline() {}

  /**
   * Replays {@code events} (in order, none before {@code from}) from {@code start}, the state at
   * {@code from}.
   */
  public static Replay replay(State start, Instant from, List<AgentEvent> events) {
    List<Change> changes = new ArrayList<>();
    Map<Instant, long[]> buckets = new TreeMap<>();
    State state = start;
    Instant since = from;
    for (AgentEvent e : events) {
      add(buckets, state, since, e.at());
      state = next(state, e);
      since = e.at();
      changes.add(new Change(e.at(), state));
    }
    List<Slice> slices = new ArrayList<>();
    buckets.forEach((b, ms) -> slices.add(new Slice(b, ms[0], ms[1])));
    return new Replay(changes, slices, state);
  }

  /** The state after {@code e}. */
  static State next(State s, AgentEvent e) {
    String queue = e.queue() == null ? EVERY_QUEUE : e.queue();
    return switch (e.type()) {
      case AGENT_LOGIN -> {
        Set<String> queues = new TreeSet<>(s.queues());
        queues.add(queue);
        // A login to no queue in particular is a status of the agent as a whole (mod_callcenter's
        // "Available"), which says it is not on break either.
        yield new State(queues, !queue.equals(EVERY_QUEUE) && s.paused());
      }
      case AGENT_LOGOFF -> {
        Set<String> queues = new TreeSet<>(s.queues());
        if (queue.equals(EVERY_QUEUE)) {
          queues.clear();
        } else {
          queues.remove(queue);
        }
        yield queues.isEmpty() ? State.OFF : new State(queues, s.paused());
      }
      case AGENT_PAUSE -> s.staffed() ? new State(s.queues(), true) : s;
      case AGENT_UNPAUSE -> new State(s.queues(), false);
      default -> s;
    };
  }

  /** Adds the time from {@code from} to {@code to} in state {@code s} to its buckets. */
  private static void add(Map<Instant, long[]> buckets, State s, Instant from, Instant to) {
    if (!s.staffed() || !from.isBefore(to)) {
      return;
    }
    Instant at = from;
    while (at.isBefore(to)) {
      Instant bucket = CallFigures.bucketOf(at);
      Instant end = bucket.plusSeconds(CallFigures.BUCKET_SECONDS);
      Instant until = end.isBefore(to) ? end : to;
      long ms = until.toEpochMilli() - at.toEpochMilli();
      long[] sum = buckets.computeIfAbsent(bucket, b -> new long[2]);
      sum[0] += ms;
      if (s.paused()) {
        sum[1] += ms;
      }
      at = until;
    }
  }
}
