package io.voxhost.recording.store;

import io.voxhost.platform.database.Jdbc;
import io.voxhost.recording.service.TenantLimitStore;
import io.voxhost.recording.service.TenantLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** {@code recording.tenant_limits}: a tenant without a row has no limits of its own. */
@ApplicationScoped
public class TenantLimitRows implements TenantLimitStore {

  private final Jdbc jdbc;

  TenantLimitRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public TenantLimits find(UUID tenantId) {
    return jdbc.one(
            "SELECT quota_cap_bytes, max_sessions FROM recording.tenant_limits"
                + " WHERE tenant_id = ?",
            rs -> {
              long cap = rs.getLong(1);
              Long quotaCap = rs.wasNull() ? null : cap;
              int sessions = rs.getInt(2);
              Integer maxSessions = rs.wasNull() ? null : sessions;
              return new TenantLimits(quotaCap, maxSessions);
            },
            tenantId)
        .orElse(TenantLimits.NONE);
  }

  @Override
  public void lockTenant(UUID tenantId) {
    jdbc.run(c -> lock(c, tenantId));
  }

  /** A transaction-scoped advisory lock; the key is a hash, so a collision only makes one wait. */
  private static Void lock(Connection c, UUID tenantId) throws SQLException {
    Jdbc.one(
        c,
        "SELECT pg_advisory_xact_lock(hashtextextended('recording.tenant_limits:' || ?, 0))",
        rs -> true,
        tenantId.toString());
    return null;
  }

  @Override
  public void save(UUID tenantId, TenantLimits limits) {
    Instant now = Instant.now();
    jdbc.transaction(
        c -> {
          lock(c, tenantId);
          Jdbc.update(
              c,
              "INSERT INTO recording.tenant_limits (tenant_id, quota_cap_bytes, max_sessions,"
                  + " updated_at) VALUES (?, CAST(? AS bigint), CAST(? AS integer), ?)"
                  + " ON CONFLICT (tenant_id) DO UPDATE SET"
                  + " quota_cap_bytes = EXCLUDED.quota_cap_bytes,"
                  + " max_sessions = EXCLUDED.max_sessions, updated_at = EXCLUDED.updated_at",
              tenantId,
              limits.quotaCapBytes(),
              limits.maxSessions(),
              now);
          if (limits.quotaCapBytes() != null) {
            Jdbc.update(
                c,
                "INSERT INTO recording.tenant_settings AS s (tenant_id, quota_bytes, updated_at)"
                    + " VALUES (?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET"
                    + " quota_bytes = LEAST(COALESCE(s.quota_bytes,"
                    + " EXCLUDED.quota_bytes), EXCLUDED.quota_bytes),"
                    + " updated_at = EXCLUDED.updated_at",
                tenantId,
                limits.quotaCapBytes(),
                now);
          }
          return null;
        });
  }
}
