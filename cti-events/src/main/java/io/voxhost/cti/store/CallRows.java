package io.voxhost.cti.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxhost.cti.service.CallAssembly;
import io.voxhost.cti.service.CallEvent;
import io.voxhost.cti.service.CallFigures;
import io.voxhost.cti.service.CallLeg;
import io.voxhost.cti.service.CallOutcome;
import io.voxhost.cti.service.CallRecord;
import io.voxhost.cti.service.CallState;
import io.voxhost.cti.service.CallStore;
import io.voxhost.cti.service.CallTransfer;
import io.voxhost.cti.service.EventType;
import io.voxhost.cti.service.LiveBoard;
import io.voxhost.cti.service.QueueTarget;
import io.voxhost.cti.service.QueueTargetStore;
import io.voxhost.cti.service.ReceivedEvent;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.service.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** {@code cti.call} and {@code cti.dirty}. */
@ApplicationScoped
public class CallRows implements CallStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  // The oldest marks, by primary key however many wait; a key's later marks stay for later.
  private static final String CLAIM =
      "DELETE FROM cti.dirty WHERE mark IN (SELECT mark FROM cti.dirty ORDER BY mark LIMIT ?"
          + " FOR UPDATE SKIP LOCKED) RETURNING tenant_id, instance, call_key";

  // Each lookup probes an index once per given key (a LATERAL subquery with a LIMIT, or a scalar
  // subquery, cannot be turned into one scan of the tenant's rows), so that its cost does not
  // depend
  // on what the planner's statistics say of the tables: a new node's first minutes have none. The
  // keys are compared as the columns are (COLLATE "C"); in another collation no index would serve.
  private static final String EVENTS =
      "SELECT e.* FROM unnest(?::text[]) AS k(call_key) CROSS JOIN LATERAL (SELECT e.source,"
          + " e.instance, e.id, e.seq, e.at, e.type, e.call_key, e.channel, e.peer, e.queue,"
          + " e.agent, e.number, e.name, e.dialled, e.data::text, e.received_at FROM cti.event e"
          + " WHERE e.tenant_id = ? AND e.call_key = k.call_key COLLATE \"C\" AND e.instance = ?"
          + " LIMIT ?) e LIMIT ?";

  private static final String LINKED =
      "SELECT n.name FROM unnest(?::text[]) AS n(name) CROSS JOIN LATERAL (SELECT 1 FROM"
          + " cti.event e WHERE e.tenant_id = ? AND e.call_key = n.name COLLATE \"C\""
          + " AND e.instance = ? LIMIT 1) x"
          + " UNION SELECT x.call_key FROM unnest(?::text[]) AS n(name) CROSS JOIN LATERAL"
          + " (SELECT e.call_key FROM cti.event e WHERE e.tenant_id = ?"
          + " AND e.channel = n.name COLLATE \"C\" AND e.type = 'channel-start'"
          + " AND e.instance = ? LIMIT 16) x";

  private static final String KNOWN =
      "SELECT c.keys, c.swept FROM (SELECT DISTINCT coalesce((SELECT m.root FROM cti.call_member m"
          + " WHERE m.tenant_id = ? AND m.call_key = k.call_key COLLATE \"C\" AND m.instance = ?),"
          + " k.call_key COLLATE \"C\") AS root FROM unnest(?::text[]) AS k(call_key)) r"
          + " CROSS JOIN LATERAL (SELECT c.keys, c.swept_at IS NOT NULL AS swept FROM cti.call c"
          + " WHERE c.tenant_id = ? AND c.call_key = r.root AND c.instance = ? LIMIT 1) c";

  private static final String COLUMNS =
      "id, instance, call_key, keys, state, outcome, started_at, ended_at, caller_number,"
          + " caller_name, callee, ringing_at, answered_at, answered_by, queue, queue_entered_at,"
          + " queue_left_at, queue_result, agents, ring_no_answers, missed_by, holds, hold_ms,"
          + " transfers,"
          + " picked_up, wait_ms, talk_ms, duration_ms, recording, legs, events, late_events,"
          + " last_event_at, last_received_at, problem";

  /** What the API reads: the built columns and the caller-name role's answer. */
  private static final String READ = COLUMNS + ", caller_lookup_name, caller_lookup_source";

  /** What an export reads: the record without its legs, transfers as their kinds in order. */
  private static final String EXPORT =
      "id, instance, call_key, keys, state, outcome, started_at, ended_at, caller_number,"
          + " caller_name, caller_lookup_name, caller_lookup_source, callee, ringing_at,"
          + " answered_at, answered_by, queue, queue_entered_at, queue_left_at, queue_result,"
          + " agents, ring_no_answers, holds, hold_ms, picked_up, wait_ms, talk_ms, duration_ms,"
          + " recording, events, late_events, problem, (SELECT string_agg(t.value ->> 'kind', ';'"
          + " ORDER BY t.ordinality) FROM jsonb_array_elements(transfers) WITH ORDINALITY t)"
          + " AS transfer_kinds";

  private static final String UPSERT =
      "INSERT INTO cti.call (tenant_id, "
          + COLUMNS
          + ", counted_sl_ms, counted_short_ms, built_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?::jsonb, ?, ?,"
          + " ?, ?, ?, ?, ?, now())"
          + " ON CONFLICT (tenant_id, id) DO UPDATE SET keys = EXCLUDED.keys,"
          + " state = EXCLUDED.state, outcome = EXCLUDED.outcome,"
          + " started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,"
          + " caller_number = EXCLUDED.caller_number, caller_name = EXCLUDED.caller_name,"
          + " callee = EXCLUDED.callee, ringing_at = EXCLUDED.ringing_at,"
          + " answered_at = EXCLUDED.answered_at, answered_by = EXCLUDED.answered_by,"
          + " queue = EXCLUDED.queue, queue_entered_at = EXCLUDED.queue_entered_at,"
          + " queue_left_at = EXCLUDED.queue_left_at, queue_result = EXCLUDED.queue_result,"
          + " agents = EXCLUDED.agents, ring_no_answers = EXCLUDED.ring_no_answers,"
          + " missed_by = EXCLUDED.missed_by,"
          + " holds = EXCLUDED.holds, hold_ms = EXCLUDED.hold_ms, transfers = EXCLUDED.transfers,"
          + " picked_up = EXCLUDED.picked_up, wait_ms = EXCLUDED.wait_ms,"
          + " talk_ms = EXCLUDED.talk_ms, duration_ms = EXCLUDED.duration_ms,"
          + " recording = EXCLUDED.recording, legs = EXCLUDED.legs, events = EXCLUDED.events,"
          + " late_events = EXCLUDED.late_events, last_event_at = EXCLUDED.last_event_at,"
          + " last_received_at = EXCLUDED.last_received_at, problem = EXCLUDED.problem,"
          + " counted_sl_ms = EXCLUDED.counted_sl_ms,"
          + " counted_short_ms = EXCLUDED.counted_short_ms, built_at = now()"
          // Two nodes may build one call at once: the record of more events is the newer one.
          + " WHERE cti.call.events <= EXCLUDED.events";

  private final Jdbc jdbc;
  private final CallFigures figures;
  private final ChangeFeed feed;

  CallRows(Jdbc jdbc, CallFigures figures, ChangeFeed feed) {
    this.jdbc = jdbc;
    this.figures = figures;
    this.feed = feed;
  }

  @Override
  public int rebuildMarked(int limit, Rebuild rebuild) {
    return jdbc.transaction(
        c -> {
          List<CallKey> claimed =
              Jdbc.list(
                  c,
                  CLAIM,
                  rs -> new CallKey(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)),
                  limit);
          if (claimed.isEmpty()) {
            return 0;
          }
          List<TenantCall> calls = rebuild.build(claimed, new TransactionReader(c));
          save(c, calls);
          // The live streams of these tenants look again, on every node, once this commits.
          feed.publish(
              c,
              LiveBoard.CHANNEL,
              calls.stream().map(t -> t.tenant().toString()).distinct().toList());
          return claimed.size();
        });
  }

  /**
   * Saves the built records, and adds to the figures the difference between what each counts now
   * and what its saved version (and the versions under its other keys, which it replaces) counted.
   * The calls are locked first, in one order, so two builders never count one call twice.
   */
  private void save(Connection c, List<TenantCall> calls) throws SQLException {
    if (calls.isEmpty()) {
      return;
    }
    Map<UUID, Set<UUID>> touched = new HashMap<>();
    Map<TenantCall, List<UUID>> replaced = new HashMap<>();
    for (TenantCall t : calls) {
      CallRecord r = t.call();
      List<UUID> others =
          r.keys().stream()
              .filter(k -> !k.equals(r.key()))
              .map(k -> CallAssembly.idOf(r.instance(), k))
              .toList();
      replaced.put(t, others);
      Set<UUID> ids = touched.computeIfAbsent(t.tenant(), x -> new HashSet<>());
      ids.add(r.id());
      ids.addAll(others);
    }
    lock(c, touched);
    Map<UUID, Map<UUID, CallRecord>> saved = new HashMap<>();
    Map<UUID, QueueTarget> countedWith = new HashMap<>();
    for (Map.Entry<UUID, Set<UUID>> e : touched.entrySet()) {
      Map<UUID, CallRecord> byId = new HashMap<>();
      for (CallRecord old :
          Jdbc.list(
              c,
              "SELECT "
                  + READ
                  + ", counted_sl_ms, counted_short_ms FROM cti.call"
                  + " WHERE tenant_id = ? AND id = ANY(?)",
              rs -> {
                CallRecord r = record(rs);
                int sl = rs.getInt("counted_sl_ms");
                if (!rs.wasNull()) {
                  countedWith.put(r.id(), new QueueTarget(sl, rs.getInt("counted_short_ms")));
                }
                return r;
              },
              e.getKey(),
              c.createArrayOf("uuid", e.getValue().toArray()))) {
        byId.put(old.id(), old);
      }
      saved.put(e.getKey(), byId);
    }
    Set<QueueTargetRows.TenantQueue> wanted = new HashSet<>();
    for (TenantCall t : calls) {
      wanted.add(new QueueTargetRows.TenantQueue(t.tenant(), QueueTargetStore.ALL_QUEUES));
      if (t.call().queue() != null) {
        wanted.add(new QueueTargetRows.TenantQueue(t.tenant(), t.call().queue()));
      }
    }
    Map<QueueTargetRows.TenantQueue, QueueTarget> set = QueueTargetRows.read(c, wanted);

    Map<CallFigures.Row, CallFigures.Counts> change = CallFigures.none();
    List<Object[]> merged = new ArrayList<>();
    List<Object[]> members = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    for (TenantCall t : calls) {
      CallRecord r = t.call();
      Map<UUID, CallRecord> before = saved.get(t.tenant());
      CallRecord old = before.get(r.id());
      if (old != null && old.events() > r.events()) {
        continue; // another builder saved a record of more events: it is the newer one
      }
      // A record is counted with the target of its queue now, and taken out with the one it was
      // counted with: a target changed meanwhile does not leave a difference in the sums.
      QueueTarget target = targetOf(set, t.tenant(), r.queue());
      figures.add(t.tenant(), r, target, 1, false, change);
      if (old != null) {
        uncount(t.tenant(), old, countedWith, change);
      }
      List<UUID> others = replaced.get(t);
      if (!others.isEmpty()) {
        for (UUID id : others) {
          CallRecord gone = before.remove(id);
          if (gone != null) {
            uncount(t.tenant(), gone, countedWith, change);
          }
        }
        merged.add(new Object[] {t.tenant(), c.createArrayOf("uuid", others.toArray())});
        for (String key : r.keys()) {
          if (!key.equals(r.key())) {
            members.add(new Object[] {t.tenant(), key, r.instance(), r.key()});
          }
        }
      }
      rows.add(row(c, t.tenant(), r, target));
    }
    if (!merged.isEmpty()) {
      Jdbc.batch(c, "DELETE FROM cti.call WHERE tenant_id = ? AND id = ANY(?)", merged);
      Jdbc.batch(
          c,
          "INSERT INTO cti.call_member (tenant_id, call_key, instance, root) VALUES (?, ?, ?, ?)"
              + " ON CONFLICT (tenant_id, call_key, instance) DO UPDATE SET root = EXCLUDED.root",
          members);
    }
    if (!rows.isEmpty()) {
      Jdbc.batch(c, UPSERT, rows);
    }
    addFigures(c, change);
  }

  /** Transaction locks on the calls, taken in one order by every builder. */
  private static void lock(Connection c, Map<UUID, Set<UUID>> touched) throws SQLException {
    TreeSet<Long> keys = new TreeSet<>();
    touched.forEach(
        (tenant, ids) ->
            ids.forEach(
                id ->
                    keys.add(
                        tenant.getMostSignificantBits()
                            ^ id.getMostSignificantBits()
                            ^ id.getLeastSignificantBits())));
    Jdbc.list(
        c,
        "SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest(?::bigint[]) AS u(k)"
            + " ORDER BY k) s",
        rs -> 1,
        c.createArrayOf("bigint", keys.toArray()));
  }

  private static void addFigures(Connection c, Map<CallFigures.Row, CallFigures.Counts> change)
      throws SQLException {
    // Every builder writes the quarters, then the hours, each in key order: no deadlocks.
    add(c, "cti.kpi", change);
    Map<CallFigures.Row, CallFigures.Counts> hours = new HashMap<>();
    change.forEach(
        (row, counts) ->
            hours.merge(
                new CallFigures.Row(
                    row.tenant(),
                    row.bucket().truncatedTo(ChronoUnit.HOURS),
                    row.queue(),
                    row.agent()),
                counts,
                CallFigures.Counts::plus));
    add(c, "cti.kpi_hour", hours);
  }

  private static void add(
      Connection c, String table, Map<CallFigures.Row, CallFigures.Counts> change)
      throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    change.entrySet().stream()
        .filter(e -> !e.getValue().isZero())
        .sorted(
            Comparator.comparing(
                    (Map.Entry<CallFigures.Row, CallFigures.Counts> e) -> e.getKey().tenant())
                .thenComparing(e -> e.getKey().queue())
                .thenComparing(e -> e.getKey().agent())
                .thenComparing(e -> e.getKey().bucket()))
        .forEach(
            e -> {
              CallFigures.Row k = e.getKey();
              CallFigures.Counts n = e.getValue();
              rows.add(
                  new Object[] {
                    k.tenant(),
                    ts(k.bucket()),
                    k.queue(),
                    k.agent(),
                    n.offered(),
                    n.answered(),
                    n.answeredInSl(),
                    n.abandoned(),
                    n.abandonedInSl(),
                    n.shortAbandoned(),
                    n.transferred(),
                    n.waitMillis(),
                    n.talkMillis(),
                    n.ringNoAnswers()
                  });
            });
    if (rows.isEmpty()) {
      return;
    }
    Jdbc.batch(
        c,
        ("INSERT INTO %1$s (tenant_id, bucket, queue, agent, offered, answered, answered_in_sl,"
                + " abandoned, abandoned_in_sl, short_abandoned, transferred, wait_ms, talk_ms,"
                + " ring_no_answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, queue, agent, bucket) DO UPDATE SET"
                + " offered = %1$s.offered + EXCLUDED.offered,"
                + " answered = %1$s.answered + EXCLUDED.answered,"
                + " answered_in_sl = %1$s.answered_in_sl + EXCLUDED.answered_in_sl,"
                + " abandoned = %1$s.abandoned + EXCLUDED.abandoned,"
                + " abandoned_in_sl = %1$s.abandoned_in_sl + EXCLUDED.abandoned_in_sl,"
                + " short_abandoned = %1$s.short_abandoned + EXCLUDED.short_abandoned,"
                + " transferred = %1$s.transferred + EXCLUDED.transferred,"
                + " wait_ms = %1$s.wait_ms + EXCLUDED.wait_ms,"
                + " talk_ms = %1$s.talk_ms + EXCLUDED.talk_ms,"
                + " ring_no_answers = %1$s.ring_no_answers + EXCLUDED.ring_no_answers")
            .formatted(table),
        rows);
  }

  /**
   * Takes a saved record out of the figures as it went in: with the target it was counted with, or,
   * counted before targets existed, the node's and the rows of that time.
   */
  private void uncount(
      UUID tenant,
      CallRecord saved,
      Map<UUID, QueueTarget> countedWith,
      Map<CallFigures.Row, CallFigures.Counts> change) {
    QueueTarget target = countedWith.get(saved.id());
    figures.add(
        tenant, saved, target != null ? target : figures.nodeTarget(), -1, target == null, change);
  }

  /** The target of the tenant's queue, else the tenant's own default, else the node's. */
  private QueueTarget targetOf(
      Map<QueueTargetRows.TenantQueue, QueueTarget> set, UUID tenant, String queue) {
    QueueTarget q = queue == null ? null : set.get(new QueueTargetRows.TenantQueue(tenant, queue));
    if (q != null) {
      return q;
    }
    QueueTarget all = set.get(new QueueTargetRows.TenantQueue(tenant, QueueTargetStore.ALL_QUEUES));
    return all != null ? all : figures.nodeTarget();
  }

  private static Object[] row(Connection c, UUID tenant, CallRecord r, QueueTarget counted)
      throws SQLException {
    return new Object[] {
      tenant,
      r.id(),
      r.instance(),
      r.key(),
      text(c, r.keys()),
      r.state().label(),
      r.outcome() == null ? null : r.outcome().label(),
      ts(r.started()),
      ts(r.ended()),
      r.callerNumber(),
      r.callerName(),
      r.callee(),
      ts(r.ringing()),
      ts(r.answered()),
      r.answeredBy(),
      r.queue(),
      ts(r.queueEntered()),
      ts(r.queueLeft()),
      r.queueResult(),
      text(c, r.agents()),
      r.ringNoAnswers(),
      text(c, r.missedBy()),
      r.holds(),
      r.holdMillis(),
      transfers(r.transfers()),
      r.pickedUp(),
      r.waitMillis(),
      r.talkMillis(),
      r.durationMillis(),
      r.recording(),
      legs(r.legs()),
      r.events(),
      r.lateEvents(),
      ts(r.lastEventAt()),
      ts(r.lastReceived()),
      r.problem(),
      counted.serviceLevelMs(),
      counted.shortAbandonMs()
    };
  }

  @Override
  public int sweep(Instant quietSince, Instant now) {
    return jdbc.update(
        "WITH s AS (UPDATE cti.call SET swept_at = ? WHERE state = 'open'"
            + " AND last_received_at < ? AND swept_at IS NULL"
            + " RETURNING tenant_id, instance, call_key)"
            + " INSERT INTO cti.dirty (tenant_id, instance, call_key) SELECT * FROM s",
        ts(now),
        ts(quietSince));
  }

  @Override
  public List<Unnamed> unnamed(int limit) {
    return jdbc.list(
        "SELECT tenant_id, id, caller_number FROM cti.call WHERE caller_number IS NOT NULL"
            + " AND caller_lookup_number IS DISTINCT FROM caller_number ORDER BY built_at LIMIT ?",
        rs ->
            new Unnamed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)),
        limit);
  }

  @Override
  public void named(List<Named> names) {
    List<Object[]> rows = new ArrayList<>();
    for (Named n : names) {
      rows.add(
          new Object[] {
            n.number(), n.name(), n.source(), n.call().tenant(), n.call().id(), n.number()
          });
    }
    jdbc.run(
        c ->
            Jdbc.batch(
                c,
                // Only while the number is still the call's: a rebuild may have found another.
                "UPDATE cti.call SET caller_lookup_number = ?, caller_lookup_name = ?,"
                    + " caller_lookup_source = ? WHERE tenant_id = ? AND id = ?"
                    + " AND caller_number = ?",
                rows));
  }

  @Override
  public Optional<CallRecord> find(UUID tenant, UUID id) {
    return jdbc.one(
        "SELECT " + READ + " FROM cti.call WHERE tenant_id = ? AND id = ?",
        CallRows::record,
        tenant,
        id);
  }

  @Override
  public List<CallRecord> open(UUID tenant, int limit) {
    return jdbc.list(
        "SELECT "
            + READ
            + " FROM cti.call WHERE tenant_id = ? AND state = 'open'"
            + " ORDER BY started_at, id LIMIT ?",
        CallRows::record,
        tenant,
        limit);
  }

  @Override
  public List<CallRecord> found(UUID tenant, Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.run(
        c ->
            Jdbc.list(
                c,
                "SELECT " + READ + " FROM cti.call WHERE tenant_id = ? AND id = ANY(?)",
                CallRows::record,
                tenant,
                c.createArrayOf("uuid", ids.toArray())));
  }

  @Override
  public List<CallRecord> page(UUID tenant, CallFilter f, PageCursor after, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + READ + " FROM cti.call WHERE tenant_id = ?");
    List<Object> params = new ArrayList<>(List.of(tenant));
    narrowed(tenant, f, after, sql, params);
    sql.append(" ORDER BY started_at, id LIMIT ?");
    params.add(limit);
    return jdbc.list(sql.toString(), CallRows::record, params.toArray());
  }

  @Override
  public ExportChunk exportChunk(UUID tenant, CallFilter f, PageCursor after, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + EXPORT + " FROM cti.call WHERE tenant_id = ?");
    List<Object> params = new ArrayList<>(List.of(tenant));
    narrowed(tenant, f, after, sql, params);
    sql.append(" ORDER BY started_at, id LIMIT ?");
    params.add(limit);
    PageCursor[] last = {null};
    List<String[]> rows =
        jdbc.list(
            sql.toString(),
            rs -> {
              Instant started = rs.getTimestamp("started_at").toInstant();
              UUID id = rs.getObject("id", UUID.class);
              last[0] = new PageCursor(started, id);
              return exported(rs, started, id);
            },
            params.toArray());
    return new ExportChunk(rows, last[0]);
  }

  /** Appends the filter's clauses and the cursor's to a query of one tenant's calls. */
  private void narrowed(
      UUID tenant, CallFilter f, PageCursor after, StringBuilder sql, List<Object> params) {
    if (after != null) {
      sql.append(" AND (started_at, id) > (?, ?)");
      params.add(ts(after.at()));
      params.add(after.id());
    }
    narrow(sql, params, " AND started_at >= ?", f.from() == null ? null : ts(f.from()));
    narrow(sql, params, " AND started_at < ?", f.to() == null ? null : ts(f.to()));
    narrow(sql, params, " AND state = ?", f.state());
    narrow(sql, params, " AND outcome = ?", f.outcome());
    narrow(sql, params, " AND queue = ?", f.queue());
    narrow(sql, params, " AND ? = ANY(agents)", f.agent());
    narrow(sql, params, " AND (caller_number = ? OR callee = ?)", f.number());
    if (f.number() != null) {
      params.add(f.number());
    }
    if (f.key() != null) {
      // The calls whose smallest key it is, or that joined it: found first, by primary key, so
      // that the list is then a lookup of a few roots rather than a filter over every call.
      List<String> roots =
          new ArrayList<>(
              jdbc.list(
                  "SELECT root FROM cti.call_member WHERE tenant_id = ? AND call_key = ?",
                  rs -> rs.getString(1),
                  tenant,
                  f.key()));
      roots.add(f.key());
      sql.append(" AND call_key = ANY(?)");
      params.add(roots.toArray(String[]::new));
    }
  }

  /** The fields of {@link io.voxhost.cti.service.CallExport#COLUMNS}, in its order. */
  private static String[] exported(ResultSet rs, Instant started, UUID id) throws SQLException {
    String lookupName = rs.getString("caller_lookup_name");
    String switchName = rs.getString("caller_name");
    return new String[] {
      id.toString(),
      rs.getString("instance"),
      rs.getString("call_key"),
      String.join(";", strings(rs.getArray("keys"))),
      rs.getString("state"),
      rs.getString("outcome"),
      started.toString(),
      text(instant(rs, "ended_at")),
      rs.getString("caller_number"),
      lookupName != null ? lookupName : switchName,
      lookupName != null || switchName == null
          ? rs.getString("caller_lookup_source")
          : CallAssembly.SWITCH,
      rs.getString("callee"),
      text(instant(rs, "ringing_at")),
      text(instant(rs, "answered_at")),
      rs.getString("answered_by"),
      rs.getString("queue"),
      text(instant(rs, "queue_entered_at")),
      text(instant(rs, "queue_left_at")),
      rs.getString("queue_result"),
      String.join(";", strings(rs.getArray("agents"))),
      rs.getString("ring_no_answers"),
      rs.getString("holds"),
      rs.getString("hold_ms"),
      rs.getString("transfer_kinds"),
      Boolean.toString(rs.getBoolean("picked_up")),
      rs.getString("wait_ms"),
      rs.getString("talk_ms"),
      rs.getString("duration_ms"),
      rs.getString("recording"),
      rs.getString("events"),
      rs.getString("late_events"),
      rs.getString("problem")
    };
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }

  private static void narrow(StringBuilder sql, List<Object> params, String clause, Object value) {
    if (value != null) {
      sql.append(clause);
      params.add(value);
    }
  }

  /** The reads of one rebuild, on its transaction's connection. */
  private record TransactionReader(Connection c) implements Reader {

    @Override
    public List<ReceivedEvent> events(
        UUID tenant, String instance, Collection<String> keys, int limit) {
      try {
        int most = Math.max(0, limit);
        return Jdbc.list(c, EVENTS, CallRows::event, text(c, keys), tenant, instance, most, most);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Set<String> linkedKeys(UUID tenant, String instance, Collection<String> names) {
      if (names.isEmpty()) {
        return new HashSet<>();
      }
      try {
        Array a = text(c, names);
        return new HashSet<>(
            Jdbc.list(c, LINKED, rs -> rs.getString(1), a, tenant, instance, a, tenant, instance));
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public List<KnownCall> known(UUID tenant, String instance, Collection<String> keys) {
      try {
        return Jdbc.list(
            c,
            KNOWN,
            rs -> new KnownCall(strings(rs.getArray(1)), rs.getBoolean(2)),
            tenant,
            instance,
            text(c, keys),
            tenant,
            instance);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static ReceivedEvent event(ResultSet rs) throws SQLException {
    long seq = rs.getLong(4);
    return new ReceivedEvent(
        new CallEvent(
            rs.getString(1),
            rs.getString(2),
            rs.getString(3),
            rs.wasNull() ? null : seq,
            rs.getTimestamp(5).toInstant(),
            EventType.of(rs.getString(6)).orElse(EventType.NOTE),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            rs.getString(12),
            rs.getString(13),
            rs.getString(14),
            rs.getString(15)),
        rs.getTimestamp(16).toInstant());
  }

  private static CallRecord record(ResultSet rs) throws SQLException {
    String outcome = rs.getString("outcome");
    String lookupName = rs.getString("caller_lookup_name");
    String switchName = rs.getString("caller_name");
    return new CallRecord(
        rs.getObject("id", UUID.class),
        rs.getString("instance"),
        rs.getString("call_key"),
        strings(rs.getArray("keys")),
        CallState.of(rs.getString("state")),
        outcome == null ? null : CallOutcome.of(outcome),
        instant(rs, "started_at"),
        instant(rs, "ended_at"),
        rs.getString("caller_number"),
        lookupName != null ? lookupName : switchName,
        lookupName != null || switchName == null
            ? rs.getString("caller_lookup_source")
            : CallAssembly.SWITCH,
        rs.getString("callee"),
        instant(rs, "ringing_at"),
        instant(rs, "answered_at"),
        rs.getString("answered_by"),
        rs.getString("queue"),
        instant(rs, "queue_entered_at"),
        instant(rs, "queue_left_at"),
        rs.getString("queue_result"),
        strings(rs.getArray("agents")),
        rs.getInt("ring_no_answers"),
        strings(rs.getArray("missed_by")),
        rs.getInt("holds"),
        rs.getLong("hold_ms"),
        transfers(rs.getString("transfers")),
        rs.getBoolean("picked_up"),
        longOrNull(rs, "wait_ms"),
        longOrNull(rs, "talk_ms"),
        longOrNull(rs, "duration_ms"),
        rs.getString("recording"),
        legs(rs.getString("legs")),
        rs.getInt("events"),
        rs.getInt("late_events"),
        instant(rs, "last_event_at"),
        instant(rs, "last_received_at"),
        rs.getString("problem"));
  }

  private static String transfers(List<CallTransfer> transfers) {
    ArrayNode a = JSON.createArrayNode();
    for (CallTransfer t : transfers) {
      ObjectNode o = a.addObject();
      o.put("kind", t.kind());
      o.put("at", t.at().toString());
      o.put("channel", t.channel());
    }
    return a.toString();
  }

  private static List<CallTransfer> transfers(String json) throws SQLException {
    List<CallTransfer> out = new ArrayList<>();
    for (JsonNode o : tree(json)) {
      out.add(
          new CallTransfer(
              o.path("kind").asText(), Instant.parse(o.path("at").asText()), str(o, "channel")));
    }
    return List.copyOf(out);
  }

  private static String legs(List<CallLeg> legs) {
    ArrayNode a = JSON.createArrayNode();
    for (CallLeg l : legs) {
      ObjectNode o = a.addObject();
      o.put("channel", l.channel());
      o.put("name", l.name());
      o.put("number", l.number());
      o.put("started", str(l.started()));
      o.put("answered", str(l.answered()));
      o.put("ended", str(l.ended()));
      o.put("cause", l.cause());
      o.put("dialStatus", l.dialStatus());
    }
    return a.toString();
  }

  private static List<CallLeg> legs(String json) throws SQLException {
    List<CallLeg> out = new ArrayList<>();
    for (JsonNode o : tree(json)) {
      out.add(
          new CallLeg(
              str(o, "channel"),
              str(o, "name"),
              str(o, "number"),
              instant(str(o, "started")),
              instant(str(o, "answered")),
              instant(str(o, "ended")),
              o.path("cause").isInt() ? o.path("cause").intValue() : null,
              str(o, "dialStatus")));
    }
    return List.copyOf(out);
  }

  private static JsonNode tree(String json) throws SQLException {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SQLException("a call's stored JSON is not JSON", e);
    }
  }

  private static String str(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static Array text(Connection c, Collection<String> values) throws SQLException {
    return c.createArrayOf("text", values.toArray(String[]::new));
  }

  private static List<String> strings(Array a) throws SQLException {
    return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}
