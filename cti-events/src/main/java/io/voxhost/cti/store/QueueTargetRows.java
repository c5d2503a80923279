package io.voxhost.cti.store;

import io.voxhost.cti.service.QueueTarget;
import io.voxhost.cti.service.QueueTargetStore;
import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** {@code cti.queue_target}: the targets tenants set. */
@ApplicationScoped
public class QueueTargetRows implements QueueTargetStore {

  /** One tenant's queue, to look its target up. */
  record TenantQueue(UUID tenant, String queue) {}

  private final Jdbc jdbc;

  QueueTargetRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, QueueTarget> of(UUID tenant) {
    Map<String, QueueTarget> targets = new TreeMap<>();
    jdbc.list(
            "SELECT queue, service_level_ms, short_abandon_ms FROM cti.queue_target"
                + " WHERE tenant_id = ? ORDER BY queue",
            rs -> Map.entry(rs.getString(1), new QueueTarget(rs.getInt(2), rs.getInt(3))),
            tenant)
        .forEach(e -> targets.put(e.getKey(), e.getValue()));
    return targets;
  }

  @Override
  public boolean put(UUID tenant, String queue, QueueTarget target, int maxQueues) {
    return jdbc.transaction(
        c -> {
          // One writer per tenant at a time, so that two requests never pass the bound together.
          Jdbc.list(
              c,
              "SELECT pg_advisory_xact_lock(hashtextextended('cti.queue_target/' || ?::text, 0))",
              rs -> 1,
              tenant);
          boolean known =
              Jdbc.one(
                      c,
                      "SELECT 1 FROM cti.queue_target WHERE tenant_id = ? AND queue = ?",
                      rs -> 1,
                      tenant,
                      queue)
                  .isPresent();
          if (!known) {
            int count =
                Jdbc.one(
                        c,
                        "SELECT count(*) FROM cti.queue_target WHERE tenant_id = ?",
                        rs -> rs.getInt(1),
                        tenant)
                    .orElse(0);
            if (count >= maxQueues) {
              return false;
            }
          }
          Jdbc.update(
              c,
              "INSERT INTO cti.queue_target (tenant_id, queue, service_level_ms, short_abandon_ms)"
                  + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id, queue) DO UPDATE SET"
                  + " service_level_ms = EXCLUDED.service_level_ms,"
                  + " short_abandon_ms = EXCLUDED.short_abandon_ms, updated_at = now()",
              tenant,
              queue,
              target.serviceLevelMs(),
              target.shortAbandonMs());
          return true;
        });
  }

  @Override
  public boolean remove(UUID tenant, String queue) {
    return jdbc.update(
            "DELETE FROM cti.queue_target WHERE tenant_id = ? AND queue = ?", tenant, queue)
        > 0;
  }

  /**
   * The targets set for these tenants' queues and for the tenants themselves, read in the builder's
   * transaction: by queue, and under {@link QueueTargetStore#ALL_QUEUES} the tenant's default.
   */
  static Map<TenantQueue, QueueTarget> read(Connection c, Set<TenantQueue> wanted)
      throws SQLException {
    List<UUID> tenants = new ArrayList<>();
    List<String> queues = new ArrayList<>();
    for (TenantQueue w : wanted) {
      tenants.add(w.tenant());
      queues.add(w.queue());
    }
    Map<TenantQueue, QueueTarget> found = new HashMap<>();
    if (wanted.isEmpty()) {
      return found;
    }
    for (Map.Entry<TenantQueue, QueueTarget> e :
        Jdbc.list(
            c,
            "SELECT t.tenant_id, t.queue, t.service_level_ms, t.short_abandon_ms"
                + " FROM unnest(?::uuid[], ?::text[]) AS w(tenant_id, queue)"
                + " JOIN cti.queue_target t ON t.tenant_id = w.tenant_id AND t.queue = w.queue",
            rs ->
                Map.entry(
                    new TenantQueue(rs.getObject(1, UUID.class), rs.getString(2)),
                    new QueueTarget(rs.getInt(3), rs.getInt(4))),
            c.createArrayOf("uuid", tenants.toArray()),
            c.createArrayOf("text", queues.toArray()))) {
      found.put(e.getKey(), e.getValue());
    }
    return found;
  }
}
