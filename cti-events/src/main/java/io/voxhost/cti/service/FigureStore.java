package io.voxhost.cti.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Where the figures are kept ({@code cti.kpi}). */
public interface FigureStore {

  /**
   * A tenant's counters from {@code from} (inclusive) to {@code to} (exclusive), summed per
   * interval of {@code unit} ({@code 15m}, {@code hour}, {@code day}; days and hours start in
   * {@code zone}), for rows whose queue and agent match ({@code null}: every queue or agent by
   * itself; {@link CallFigures#ALL}: all together), by start; at most {@code limit} rows. An
   * agent's rows of all queues carry its logged-in time, and agents logged in without calls have
   * rows of their own.
   */
  List<FigureRow> sums(
      UUID tenant,
      Instant from,
      Instant to,
      String unit,
      ZoneId zone,
      String queue,
      String agent,
      int limit);

  /**
   * An interval's counters.
   *
   * @param start the interval's start
   * @param queue its queue, or {@link CallFigures#ALL}
   * @param agent its agent, or {@link CallFigures#ALL}
   * @param counts the sums
   * @param time an agent's logged-in time in it, on an agent's row of all queues; else null
   */
  record FigureRow(
      Instant start, String queue, String agent, CallFigures.Counts counts, AgentTime time) {}

  /**
   * An agent's time in an interval: what its replayed events say, and since its last event, what it
   * was then, up to now.
   *
   * @param staffedMillis logged in to at least one queue, paused or not
   * @param pausedMillis of which paused
   */
  record AgentTime(long staffedMillis, long pausedMillis) {
    public AgentTime plus(long staffed, long paused) {
      return new AgentTime(staffedMillis + staffed, pausedMillis + paused);
    }
  }
}
