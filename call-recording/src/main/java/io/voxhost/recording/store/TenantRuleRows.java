package io.voxhost.recording.store;

import io.voxhost.platform.database.Jdbc;
import io.voxhost.recording.service.TenantRuleStore;
import io.voxhost.recording.service.TenantRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code recording.tenant_settings}: a tenant without a row has the defaults. */
@ApplicationScoped
public class TenantRuleRows implements TenantRuleStore {

  private final Jdbc jdbc;

  TenantRuleRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public TenantRules find(UUID tenantId) {
    return jdbc.run(c -> find(c, tenantId));
  }

  @Override
  public void save(UUID tenantId, TenantRules rules) {
    jdbc.run(c -> save(c, tenantId, rules));
  }

  @Override
  public Map<UUID, TenantRules> limited() {
    return jdbc.run(TenantRuleRows::limited);
  }

  private static TenantRules find(Connection c, UUID tenantId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT mono_at_completion, retention_days, quota_bytes, webhook_url, webhook_secret"
                + " FROM recording.tenant_settings WHERE tenant_id = ?")) {
      ps.setObject(1, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rules(rs, 1) : TenantRules.DEFAULT;
      }
    }
  }

  private static Void save(Connection c, UUID tenantId, TenantRules rules) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO recording.tenant_settings (tenant_id, mono_at_completion,"
                + " retention_days, quota_bytes, updated_at, webhook_url, webhook_secret)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET"
                + " mono_at_completion = EXCLUDED.mono_at_completion,"
                + " retention_days = EXCLUDED.retention_days, quota_bytes = EXCLUDED.quota_bytes,"
                + " updated_at = EXCLUDED.updated_at, webhook_url = EXCLUDED.webhook_url,"
                + " webhook_secret = EXCLUDED.webhook_secret")) {
      ps.setObject(1, tenantId);
      ps.setBoolean(2, rules.monoAtCompletion());
      if (rules.retentionDays() == null) {
        ps.setNull(3, Types.INTEGER);
      } else {
        ps.setInt(3, rules.retentionDays());
      }
      if (rules.quotaBytes() == null) {
        ps.setNull(4, Types.BIGINT);
      } else {
        ps.setLong(4, rules.quotaBytes());
      }
      ps.setTimestamp(5, Timestamp.from(Instant.now()));
      ps.setString(6, rules.webhookUrl());
      ps.setString(7, rules.webhookSecret());
      ps.executeUpdate();
    }
    return null;
  }

  /** Every tenant that limits its recordings, by retention or quota. */
  private static Map<UUID, TenantRules> limited(Connection c) throws SQLException {
    Map<UUID, TenantRules> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT tenant_id, mono_at_completion, retention_days, quota_bytes, webhook_url,"
                    + " webhook_secret FROM recording.tenant_settings"
                    + " WHERE retention_days IS NOT NULL OR quota_bytes IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getObject(1, UUID.class), rules(rs, 2));
      }
    }
    return out;
  }

  private static TenantRules rules(ResultSet rs, int at) throws SQLException {
    int days = rs.getInt(at + 1);
    Integer retention = rs.wasNull() ? null : days;
    long bytes = rs.getLong(at + 2);
    Long quota = rs.wasNull() ? null : bytes;
    return new TenantRules(
        rs.getBoolean(at), retention, quota, rs.getString(at + 3), rs.getString(at + 4));
  }
}
