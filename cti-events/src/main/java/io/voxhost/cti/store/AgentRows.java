package io.voxhost.cti.store;

import io.voxhost.cti.service.AgentStore;
import io.voxhost.cti.service.AgentTimeline;
import io.voxhost.cti.service.AgentTimeline.AgentEvent;
import io.voxhost.cti.service.AgentTimeline.Change;
import io.voxhost.cti.service.AgentTimeline.Replay;
import io.voxhost.cti.service.AgentTimeline.Slice;
import io.voxhost.cti.service.AgentTimeline.State;
import io.voxhost.cti.service.CallFigures;
import io.voxhost.cti.service.EventType;
import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** {@code cti.agent_*}: an agent's changes and its time per bucket, rewritten from a point on. */
@ApplicationScoped
public class AgentRows implements AgentStore {

  private static final String AGENT_TYPES =
      "('agent-login', 'agent-logoff', 'agent-pause', 'agent-unpause')";

  private record Agent(UUID tenant, String name) implements Comparable<Agent> {
    @Override
    public int compareTo(Agent o) {
      int c = tenant.compareTo(o.tenant);
      return c != 0 ? c : name.compareTo(o.name);
    }
  }

  private final Jdbc jdbc;

  AgentRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public int replayMarked(int limit, int maxEvents) {
    return jdbc.transaction(
        c -> {
          Map<Agent, Instant> firstNew = new TreeMap<>();
          int claimed = 0;
          for (Object[] mark :
              Jdbc.list(
                  c,
                  "DELETE FROM cti.agent_dirty WHERE mark IN (SELECT mark FROM cti.agent_dirty"
                      + " ORDER BY mark LIMIT ? FOR UPDATE SKIP LOCKED)"
                      + " RETURNING tenant_id, agent, at",
                  rs ->
                      new Object[] {
                        rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()
                      },
                  limit)) {
            claimed++;
            firstNew.merge(
                new Agent((UUID) mark[0], (String) mark[1]),
                (Instant) mark[2],
                (a, b) -> a.isBefore(b) ? a : b);
          }
          // In one order, so that two nodes replaying the same agents wait rather than deadlock.
          for (Map.Entry<Agent, Instant> e : firstNew.entrySet()) {
            Agent a = e.getKey();
            Jdbc.list(
                c,
                "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
                rs -> 1,
                a.tenant() + "/" + a.name());
            replay(c, a, e.getValue(), maxEvents);
          }
          return claimed;
        });
  }

  private static void replay(Connection c, Agent a, Instant firstNew, int maxEvents)
      throws SQLException {
    // From the bucket of the last change before the new events: the span that change opened (a
    // login days ago) is counted now that its end is known.
    Optional<Instant> before =
        Jdbc.one(
            c,
            "SELECT at FROM cti.agent_change WHERE tenant_id = ? AND agent = ? AND at < ?"
                + " ORDER BY at DESC, seq DESC LIMIT 1",
            rs -> rs.getTimestamp(1).toInstant(),
            a.tenant(),
            a.name(),
            ts(firstNew));
    Instant from = CallFigures.bucketOf(before.orElse(firstNew));
    State start =
        Jdbc.one(
                c,
                "SELECT queues, paused FROM cti.agent_change WHERE tenant_id = ? AND agent = ?"
                    + " AND at < ? ORDER BY at DESC, seq DESC LIMIT 1",
                rs ->
                    new State(
                        new HashSet<>(Arrays.asList((String[]) rs.getArray(1).getArray())),
                        rs.getBoolean(2)),
                a.tenant(),
                a.name(),
                ts(from))
            .orElse(State.OFF);
    List<AgentEvent> events =
        Jdbc.list(
            c,
            "SELECT at, type, queue FROM cti.event WHERE tenant_id = ? AND agent = ? AND type IN "
                + AGENT_TYPES
                + " AND at >= ? ORDER BY at, seq NULLS LAST, source, instance, id LIMIT ?",
            rs ->
                new AgentEvent(
                    rs.getTimestamp(1).toInstant(),
                    EventType.of(rs.getString(2)).orElseThrow(),
                    rs.getString(3)),
            a.tenant(),
            a.name(),
            ts(from),
            maxEvents + 1);
    if (events.size() > maxEvents) {
      // The rest on a later run, from the last one replayed now.
      events = new ArrayList<>(events.subList(0, maxEvents));
      Jdbc.update(
          c,
          "INSERT INTO cti.agent_dirty (tenant_id, agent, at) VALUES (?, ?, ?)",
          a.tenant(),
          a.name(),
          ts(events.get(events.size() - 1).at()));
    }
    Replay r = AgentTimeline.replay(start, from, events);
    Jdbc.update(
        c,
        "DELETE FROM cti.agent_change WHERE tenant_id = ? AND agent = ? AND at >= ?",
        a.tenant(),
        a.name(),
        ts(from));
    List<Object[]> changes = new ArrayList<>();
    for (int i = 0; i < r.changes().size(); i++) {
      Change ch = r.changes().get(i);
      changes.add(
          new Object[] {
            a.tenant(),
            a.name(),
            ts(ch.at()),
            i,
            c.createArrayOf("text", ch.state().queues().toArray()),
            ch.state().paused()
          });
    }
    Jdbc.batch(
        c,
        "INSERT INTO cti.agent_change (tenant_id, agent, at, seq, queues, paused)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        changes);
    Jdbc.update(
        c,
        "DELETE FROM cti.agent_time WHERE tenant_id = ? AND agent = ? AND bucket >= ?",
        a.tenant(),
        a.name(),
        ts(from));
    List<Object[]> slices = new ArrayList<>();
    for (Slice s : r.slices()) {
      slices.add(
          new Object[] {a.tenant(), a.name(), ts(s.bucket()), s.staffedMillis(), s.pausedMillis()});
    }
    Jdbc.batch(
        c,
        "INSERT INTO cti.agent_time (tenant_id, agent, bucket, staffed_ms, paused_ms)"
            + " VALUES (?, ?, ?, ?, ?)",
        slices);
    Timestamp hour = ts(from.truncatedTo(ChronoUnit.HOURS));
    Jdbc.update(
        c,
        "DELETE FROM cti.agent_time_hour WHERE tenant_id = ? AND agent = ? AND bucket >= ?",
        a.tenant(),
        a.name(),
        hour);
    Jdbc.update(
        c,
        "INSERT INTO cti.agent_time_hour (tenant_id, agent, bucket, staffed_ms, paused_ms)"
            + " SELECT tenant_id, agent, date_trunc('hour', bucket, 'UTC'), sum(staffed_ms),"
            + " sum(paused_ms) FROM cti.agent_time WHERE tenant_id = ? AND agent = ?"
            + " AND bucket >= ? GROUP BY 1, 2, 3",
        a.tenant(),
        a.name(),
        hour);
    if (r.changes().isEmpty()) {
      return;
    }
    Change last = r.changes().get(r.changes().size() - 1);
    Jdbc.update(
        c,
        "INSERT INTO cti.agent_now (tenant_id, agent, at, queues, paused) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (tenant_id, agent) DO UPDATE SET at = EXCLUDED.at,"
            + " queues = EXCLUDED.queues, paused = EXCLUDED.paused",
        a.tenant(),
        a.name(),
        ts(last.at()),
        c.createArrayOf("text", last.state().queues().toArray()),
        last.state().paused());
  }

  private static Timestamp ts(Instant at) {
    return Timestamp.from(at);
  }
}
