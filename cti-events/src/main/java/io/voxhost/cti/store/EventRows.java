package io.voxhost.cti.store;

import io.voxhost.cti.service.CallEvent;
import io.voxhost.cti.service.EventStore;
import io.voxhost.cti.service.TenantEvent;
import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@code cti.event}: a batch is one statement of side-by-side arrays, whatever its size, and the
 * primary key's conflicts are the duplicates.
 */
@ApplicationScoped
public class EventRows implements EventStore {

  // New events mark their call keys to be built again, in the same statement; an agent's or a
  // phone's events are of no call. An agent's events mark the agent, whose time is replayed.
  private static final String INSERT =
      "WITH ins AS (INSERT INTO cti.event (tenant_id, source, instance, id, seq, at, received_at, type,"
          + " call_key, channel, peer, queue, agent, number, name, dialled, data)"
          + " SELECT u.tenant_id, u.source, u.instance, u.id, u.seq, u.at, ?, u.type, u.call_key,"
          + " u.channel, u.peer, u.queue, u.agent, u.number, u.name, u.dialled, u.data::jsonb"
          + " FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::bigint[],"
          + " ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS u(tenant_id, source,"
          + " instance, id, seq, at, type, call_key, channel, peer, queue, agent, number, name,"
          + " dialled, data, ord)"
          + " ORDER BY u.ord"
          + " ON CONFLICT (tenant_id, source, instance, id) DO NOTHING"
          + " RETURNING tenant_id, source, instance, id, call_key, type, agent, at),"
          + " marked AS (INSERT INTO cti.dirty (tenant_id, instance, call_key)"
          + " SELECT DISTINCT tenant_id, instance, call_key FROM ins WHERE type NOT IN"
          + " ('agent-login', 'agent-logoff', 'agent-pause', 'agent-unpause', 'registration',"
          + " 'provisioning-fetch')),"
          + " agents AS (INSERT INTO cti.agent_dirty (tenant_id, agent, at)"
          + " SELECT tenant_id, agent, min(at) FROM ins WHERE type IN ('agent-login',"
          + " 'agent-logoff', 'agent-pause', 'agent-unpause') AND agent IS NOT NULL"
          + " GROUP BY tenant_id, agent)"
          + " SELECT tenant_id, source, instance, id FROM ins";

  private final Jdbc jdbc;

  EventRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public BitSet insert(List<TenantEvent> events) {
    return jdbc.transaction(c -> insert(c, events));
  }

  /**
   * Inserts the events on the caller's connection, in its transaction, and marks their calls; the
   * bits of the events stored now (the others were stored before).
   */
  BitSet insert(Connection c, List<TenantEvent> events) throws SQLException {
    int n = events.size();
    UUID[] tenants = new UUID[n];
    String[][] text = new String[13][n];
    Long[] seqs = new Long[n];
    Timestamp[] ats = new Timestamp[n];
    for (int i = 0; i < n; i++) {
      CallEvent e = events.get(i).event();
      tenants[i] = events.get(i).tenant();
      seqs[i] = e.seq();
      ats[i] = Timestamp.from(e.at());
      String[] row = {
        e.source(),
        e.instance(),
        e.id(),
        e.type().label(),
        e.call(),
        e.channel(),
        e.peer(),
        e.queue(),
        e.agent(),
        e.number(),
        e.name(),
        e.dialled(),
        e.data()
      };
      for (int f = 0; f < row.length; f++) {
        text[f][i] = row[f];
      }
    }
    // RETURNING names the stored rows, not the input's positions: each returned key marks the
    // first position that carries it (a key twice in the batch is stored once).
    Set<Key> stored = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      bind(c, ps, tenants, text, seqs, ats);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          stored.add(
              new Key(
                  rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4)));
        }
      }
    }
    BitSet fresh = new BitSet(n);
    for (int i = 0; i < n && !stored.isEmpty(); i++) {
      if (stored.remove(new Key(tenants[i], text[0][i], text[1][i], text[2][i]))) {
        fresh.set(i);
      }
    }
    return fresh;
  }

  /** The primary key of an event row. */
  private record Key(UUID tenant, String source, String instance, String id) {}

  private static void bind(
      Connection c,
      PreparedStatement ps,
      UUID[] tenants,
      String[][] text,
      Long[] seqs,
      Timestamp[] ats)
      throws SQLException {
    int at = 1;
    ps.setTimestamp(at++, Timestamp.from(Instant.now()));
    ps.setArray(at++, c.createArrayOf("uuid", tenants));
    ps.setArray(at++, c.createArrayOf("text", text[0]));
    ps.setArray(at++, c.createArrayOf("text", text[1]));
    ps.setArray(at++, c.createArrayOf("text", text[2]));
    ps.setArray(at++, c.createArrayOf("bigint", seqs));
    ps.setArray(at++, c.createArrayOf("timestamptz", ats));
    for (int f = 3; f < 13; f++) {
      ps.setArray(at++, c.createArrayOf("text", text[f]));
    }
  }

  @Override
  public long count(UUID tenant) {
    return jdbc.one(
            "SELECT count(*) FROM cti.event WHERE tenant_id = ?",
            (ResultSet rs) -> rs.getLong(1),
            tenant)
        .orElse(0L);
  }
}
