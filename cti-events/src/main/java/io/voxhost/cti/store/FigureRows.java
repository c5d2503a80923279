package io.voxhost.cti.store;

import io.voxhost.cti.service.CallFigures;
import io.voxhost.cti.service.FigureStore;
import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code cti.kpi} and {@code cti.kpi_hour}, with {@code cti.agent_time(_hour)} on agents' rows: a
 * month of one queue is 720 hourly rows of its primary key, summed.
 */
@ApplicationScoped
public class FigureRows implements FigureStore {

  private static final String SUMS =
      "sum(offered) AS s1, sum(answered) AS s2, sum(answered_in_sl) AS s3, sum(abandoned) AS s4,"
          + " sum(abandoned_in_sl) AS s5, sum(short_abandoned) AS s6, sum(transferred) AS s7,"
          + " sum(wait_ms) AS s8, sum(talk_ms) AS s9, sum(ring_no_answers) AS s10";

  private final Jdbc jdbc;
  private final Clock clock;

  FigureRows(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.clock = Clock.systemUTC();
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
    boolean hours = hourly(unit, from, to, zone);
    boolean agents = CallFigures.ALL.equals(queue) && !CallFigures.ALL.equals(agent);
    List<Object> params = new ArrayList<>();
    String calls = callSums(tenant, from, to, unit, zone, queue, agent, hours, params);
    if (!agents) {
      params.add(limit);
      return jdbc.list(calls + " ORDER BY 1, 2, 3 LIMIT ?", rs -> row(rs, null), params.toArray());
    }
    String time = timeSums(tenant, from, to, unit, zone, agent, hours, params);
    params.add(limit);
    List<FigureRow> rows =
        jdbc.list(
            "SELECT coalesce(k.start, a.start), '', coalesce(k.agent, a.agent), k.s1, k.s2, k.s3,"
                + " k.s4, k.s5, k.s6, k.s7, k.s8, k.s9, k.s10, a.staffed, a.paused FROM ("
                + calls
                + ") k FULL JOIN ("
                + time
                + ") a ON k.start = a.start AND k.agent = a.agent ORDER BY 1, 3 LIMIT ?",
            rs ->
                row(
                    rs,
                    rs.getObject(14) == null
                        ? null
                        : new AgentTime(rs.getLong(14), rs.getLong(15))),
            params.toArray());
    return withOpenTime(rows, tenant, from, to, unit, zone, agent, limit);
  }

  private static String callSums(
      UUID tenant,
      Instant from,
      Instant to,
      String unit,
      ZoneId zone,
      String queue,
      String agent,
      boolean hours,
      List<Object> params) {
    StringBuilder sql = new StringBuilder("SELECT ").append(start(unit, zone, params));
    sql.append(" AS start, queue, agent, ")
        .append(SUMS)
        .append(" FROM ")
        .append(hours ? "cti.kpi_hour" : "cti.kpi")
        .append(" WHERE tenant_id = ? AND bucket >= ? AND bucket < ?");
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
    return sql.append(" GROUP BY 1, 2, 3").toString();
  }

  private static String timeSums(
      UUID tenant,
      Instant from,
      Instant to,
      String unit,
      ZoneId zone,
      String agent,
      boolean hours,
      List<Object> params) {
    StringBuilder sql = new StringBuilder("SELECT ").append(start(unit, zone, params));
    sql.append(" AS start, agent, sum(staffed_ms) AS staffed, sum(paused_ms) AS paused FROM ")
        .append(hours ? "cti.agent_time_hour" : "cti.agent_time")
        .append(" WHERE tenant_id = ? AND bucket >= ? AND bucket < ?");
    params.add(tenant);
    params.add(Timestamp.from(from));
    params.add(Timestamp.from(to));
    if (agent != null) {
      sql.append(" AND agent = ?");
      params.add(agent);
    }
    return sql.append(" GROUP BY 1, 2").toString();
  }

  private static String start(String unit, ZoneId zone, List<Object> params) {
    return switch (unit) {
      case "15m" -> "bucket";
      case "hour", "day" -> {
        params.add(zone.getId());
        yield "date_trunc('" + unit + "', bucket, ?)";
      }
      default -> throw new IllegalArgumentException("no interval " + unit);
    };
  }

  private static FigureRow row(ResultSet rs, AgentTime time) throws SQLException {
    return new FigureRow(
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
            rs.getLong(13)),
        time);
  }

  /**
   * Adds, to the agents' rows, the time since each agent's last event up to now, in the state that
   * event left it in (the replayed rows stop at the last event).
   */
  private List<FigureRow> withOpenTime(
      List<FigureRow> rows,
      UUID tenant,
      Instant from,
      Instant to,
      String unit,
      ZoneId zone,
      String agent,
      int limit) {
    Instant now = clock.instant();
    Instant until = now.isBefore(to) ? now : to;
    List<Object> params = new ArrayList<>(List.of(tenant, Timestamp.from(until)));
    if (agent != null) {
      params.add(agent);
    }
    List<Object[]> open =
        jdbc.list(
            "SELECT agent, at, paused FROM cti.agent_now WHERE tenant_id = ?"
                + " AND cardinality(queues) > 0 AND at < ?"
                + (agent == null ? "" : " AND agent = ?"),
            rs -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getBoolean(3)},
            params.toArray());
    if (open.isEmpty()) {
      return rows;
    }
    Map<List<Object>, FigureRow> byKey = new LinkedHashMap<>();
    rows.forEach(r -> byKey.put(List.of(r.start(), r.agent()), r));
    CallFigures.Counts none = new CallFigures.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    for (Object[] o : open) {
      String name = (String) o[0];
      Instant since = (Instant) o[1];
      boolean paused = (Boolean) o[2];
      Instant at = since.isAfter(from) ? since : from;
      while (at.isBefore(until)) {
        Instant start = intervalStart(at, unit, zone);
        Instant next = nextStart(start, unit, zone);
        Instant end = next.isBefore(until) ? next : until;
        long ms = end.toEpochMilli() - at.toEpochMilli();
        byKey.compute(
            List.of(start, name),
            (k, r) -> {
              FigureRow base =
                  r != null ? r : new FigureRow(start, CallFigures.ALL, name, none, null);
              AgentTime t = base.time() == null ? new AgentTime(0, 0) : base.time();
              return new FigureRow(
                  base.start(),
                  base.queue(),
                  base.agent(),
                  base.counts(),
                  t.plus(ms, paused ? ms : 0));
            });
        at = end;
      }
    }
    return byKey.values().stream()
        .sorted(Comparator.comparing(FigureRow::start).thenComparing(FigureRow::agent))
        .limit(limit)
        .toList();
  }

  private static Instant intervalStart(Instant at, String unit, ZoneId zone) {
    return switch (unit) {
      case "15m" -> CallFigures.bucketOf(at);
      case "hour" -> ZonedDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
      default -> ZonedDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.DAYS).toInstant();
    };
  }

  private static Instant nextStart(Instant start, String unit, ZoneId zone) {
    return switch (unit) {
      case "15m" -> start.plusSeconds(CallFigures.BUCKET_SECONDS);
      case "hour" -> start.plus(1, ChronoUnit.HOURS);
      default -> ZonedDateTime.ofInstant(start, zone).plusDays(1).toInstant();
    };
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
