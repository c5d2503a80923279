package io.voxhost.cnam.store;

import io.voxhost.cnam.service.LookupRuleStore;
import io.voxhost.cnam.service.LookupRules;
import io.voxhost.cnam.service.TenantLookupRules;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code cnam.tenant_settings}: a tenant without a row has the node's defaults. */
@ApplicationScoped
public class LookupRuleRows implements LookupRuleStore {

  private static final String COLUMNS = "default_region, name_length, providers";

  private final Jdbc jdbc;
  private final ChangeFeed feed;

  LookupRuleRows(Jdbc jdbc, ChangeFeed feed) {
    this.jdbc = jdbc;
    this.feed = feed;
  }

  @Override
  public Optional<LookupRules> find(UUID tenantId) {
    return jdbc.one(
        "SELECT " + COLUMNS + " FROM cnam.tenant_settings WHERE tenant_id = ?",
        rs -> rules(rs, 1),
        tenantId);
  }

  @Override
  public void save(UUID tenantId, LookupRules rules) {
    jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cnam.tenant_settings (tenant_id, "
                      + COLUMNS
                      + ", updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE"
                      + " SET default_region = EXCLUDED.default_region,"
                      + " name_length = EXCLUDED.name_length, providers = EXCLUDED.providers,"
                      + " updated_at = EXCLUDED.updated_at")) {
            ps.setObject(1, tenantId);
            ps.setString(2, rules.defaultRegion());
            if (rules.nameLength() == null) {
              ps.setNull(3, Types.INTEGER);
            } else {
              ps.setInt(3, rules.nameLength());
            }
            if (rules.providers() == null) {
              ps.setNull(4, Types.ARRAY);
            } else {
              ps.setArray(4, c.createArrayOf("text", rules.providers().toArray()));
            }
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
          }
          feed.publish(c, TenantLookupRules.CHANNEL, List.of(tenantId.toString()));
          return null;
        });
  }

  @Override
  public Map<UUID, LookupRules> all() {
    Map<UUID, LookupRules> out = new HashMap<>();
    jdbc.list(
            "SELECT tenant_id, " + COLUMNS + " FROM cnam.tenant_settings",
            rs -> Map.entry(rs.getObject(1, UUID.class), rules(rs, 2)))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private static LookupRules rules(ResultSet rs, int at) throws SQLException {
    int length = rs.getInt(at + 1);
    Integer nameLength = rs.wasNull() ? null : length;
    Array providers = rs.getArray(at + 2);
    List<String> names = providers == null ? null : Arrays.asList((String[]) providers.getArray());
    return new LookupRules(rs.getString(at), nameLength, names);
  }
}
