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
   * itself; {@link CallFigures#ALL}: all together), by start; at most {@code limit} rows.
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
   */
  record FigureRow(Instant start, String queue, String agent, CallFigures.Counts counts) {}
}
