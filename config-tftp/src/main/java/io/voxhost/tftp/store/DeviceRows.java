package io.voxhost.tftp.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Devices as the protocols read them: one query per device, per set of changed devices or per
 * tenant (or one for all of them at start) with its site's and its tenant's variables, in plain
 * JDBC. A boot storm reads thousands of these a second; an entity manager and a transaction each
 * would cost more than the rest of the fetch.
 */
@ApplicationScoped
public class DeviceRows {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> VARIABLES = new TypeReference<>() {};
  private static final TypeReference<List<String>> NETWORKS = new TypeReference<>() {};
  private static final TypeReference<List<DeviceEntity.LineColumn>> LINES =
      new TypeReference<>() {};
  private static final String SELECT =
      "SELECT d.mac, d.tenant_id, d.vendor, d.model, d.time_zone, d.language, d.lines::text,"
          + " d.variables::text, d.http_user, d.http_password_hash, d.created_at, d.updated_at,"
          + " s.name, s.variables::text, t.variables::text, t.fetch_policy, s.networks::text"
          + " FROM tftp.device d"
          + " LEFT JOIN tftp.site s ON s.id = d.site_id"
          + " LEFT JOIN tftp.tenant_settings t ON t.tenant_id = d.tenant_id";

  private final Jdbc jdbc;

  DeviceRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A device with what it inherits.
   *
   * @param variables the tenant's, then the site's, then the device's own, the nearer winning
   * @param fetchPolicy the tenant's, or null when it has no settings (then the default applies)
   * @param networks the site's source networks, as CIDR text; empty for none
   */
  public record Row(
      DeviceEntity device,
      String siteName,
      Map<String, String> variables,
      String fetchPolicy,
      List<String> networks) {}

  public Optional<Row> find(String mac) {
    return jdbc.one(SELECT + " WHERE d.mac = ?", DeviceRows::read, mac);
  }

  /** Those of {@code macs} that exist, with what they inherit. */
  public List<Row> find(Collection<String> macs) {
    return jdbc.list(
        SELECT + " WHERE d.mac = ANY(?)", DeviceRows::read, (Object) macs.toArray(String[]::new));
  }

  /** Up to {@code limit} devices of one tenant. */
  public List<Row> ofTenant(UUID tenantId, int limit) {
    return jdbc.list(SELECT + " WHERE d.tenant_id = ? LIMIT ?", DeviceRows::read, tenantId, limit);
  }

  /** Up to {@code limit} devices, for warming a cache at start. */
  public List<Row> all(int limit) {
    return jdbc.list(SELECT + " LIMIT ?", DeviceRows::read, limit);
  }

  private static Row read(ResultSet rs) throws SQLException {
    DeviceEntity e = new DeviceEntity();
    e.mac = rs.getString(1);
    e.tenantId = rs.getObject(2, UUID.class);
    e.vendor = rs.getString(3);
    e.model = rs.getString(4);
    e.timeZone = rs.getString(5);
    e.language = rs.getString(6);
    e.lines = json(rs.getString(7), LINES, new ArrayList<>());
    e.variables = json(rs.getString(8), VARIABLES, new LinkedHashMap<>());
    e.httpUser = rs.getString(9);
    e.httpPasswordHash = rs.getString(10);
    e.createdAt = instant(rs.getTimestamp(11));
    e.updatedAt = instant(rs.getTimestamp(12));
    Map<String, String> variables = new LinkedHashMap<>();
    variables.putAll(json(rs.getString(15), VARIABLES, Map.of()));
    variables.putAll(json(rs.getString(14), VARIABLES, Map.of()));
    variables.putAll(e.variables);
    return new Row(
        e,
        rs.getString(13),
        variables,
        rs.getString(16),
        json(rs.getString(17), NETWORKS, List.of()));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static <T> T json(String text, TypeReference<T> type, T absent) throws SQLException {
    if (text == null) {
      return absent;
    }
    try {
      return JSON.readValue(text, type);
    } catch (java.io.IOException e) {
      throw new SQLException("unreadable JSON column: " + e.getMessage(), e);
    }
  }
}
