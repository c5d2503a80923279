package io.voxhost.cti.store;

import io.voxhost.cti.service.CallFigures;
import io.voxhost.cti.service.FigureStore;
import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code cti.kpi} and {@code cti.kpi_hour}: a month of one queue is 720 hourly rows of its primary
 * key, summed.
 */
@ApplicationScoped
public class FigureRows implements FigureStore {

  private final Jdbc jdbc;

  FigureRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public List<FigureRow> sums(
      UUID tenant,
      Instant from,
      Instant to,
      String unit,
      ZoneId zone,
      String queue,
      String agent,
      int limit) {
    String start =
        switch (unit) {
          case "15m" -> "bucket";
          case "hour" -> "date_trunc('hour', bucket, ?)";
          case "day" -> "date_trunc('day', bucket, ?)";
          default -> throw new IllegalArgumentException("no interval " + unit);
        };
    List<Object> params = new ArrayList<>();
    if (!unit.equals("15m")) {
      params.add(zone.getId());
    }
    StringBuilder sql =
        new StringBuilder(
            "SELECT "
                + start
                + " AS start, queue, agent, sum(offered), sum(answered), sum(answered_in_sl),"
                + " sum(abandoned), sum(abandoned_in_sl), sum(short_abandoned),"
                + " sum(transferred), sum(wait_ms), sum(talk_ms), sum(ring_no_answers)"
                + " FROM "
                + (hourly(unit, from, to, zone) ? "cti.kpi_hour" : "cti.kpi")
                + " WHERE tenant_id = ? AND bucket >= ? AND bucket < ?");
    params.add(tenant);
    params.add(Timestamp.from(from));
    params.add(Timestamp.from(to));
    sql.append(queue == null ? " AND queue <> ''" : " AND queue = ?");
    if (queue != null) {
      params.add(queue);
    }
    sql.append(agent == null ? " AND agent <> ''" : " AND agent = ?");
    if (agent != null) {
      params.add(agent);
    }
    sql.append(" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LIMIT ?");
    params.add(limit);
    return jdbc.list(
        sql.toString(),
        rs ->
            new FigureRow(
                rs.getTimestamp(1).toInstant(),
                rs.getString(2),
                rs.getString(3),
                new CallFigures.Counts(
                    rs.getLong(4),
                    rs.getLong(5),
                    rs.getLong(6),
                    rs.getLong(7),
                    rs.getLong(8),
                    rs.getLong(9),
                    rs.getLong(10),
                    rs.getLong(11),
                    rs.getLong(12),
                    rs.getLong(13))),
        params.toArray());
  }

  /**
   * Whether the hourly rows give the same sums: the range starts and ends on whole hours and every
   * offset of the zone over it is whole hours (not India's or Nepal's).
   */
  static boolean hourly(String unit, Instant from, Instant to, ZoneId zone) {
    if (unit.equals("15m")
        || from.getEpochSecond() % 3600 != 0
        || to.getEpochSecond() % 3600 != 0) {
      return false;
    }
    ZoneRules rules = zone.getRules();
    if (rules.getOffset(from).getTotalSeconds() % 3600 != 0) {
      return false;
    }
    for (ZoneOffsetTransition t = rules.nextTransition(from);
        t != null && t.getInstant().isBefore(to);
        t = rules.nextTransition(t.getInstant())) {
      if (t.getOffsetAfter().getTotalSeconds() % 3600 != 0) {
        return false;
      }
    }
    return true;
  }
}
