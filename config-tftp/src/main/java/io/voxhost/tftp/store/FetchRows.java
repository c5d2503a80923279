package io.voxhost.tftp.store;

import io.voxhost.tftp.service.Fetch;
import io.voxhost.tftp.service.MacAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code tftp.fetch} rows, and each device's last fetch, written in batches. */
public final class FetchRows {

  private static final String INSERT =
      "INSERT INTO tftp.fetch (tenant_id, mac, file_name, source, transport, bytes, outcome,"
          + " fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String LAST_FETCH =
      "UPDATE tftp.device SET last_fetch_at = ?, last_fetch_file = ?, last_fetch_source = ?,"
          + " last_fetch_transport = ? WHERE mac = ? AND (last_fetch_at IS NULL OR last_fetch_at <= ?)";
  private static final String PAGE =
      "SELECT id, mac, file_name, source, transport, bytes, outcome, fetched_at FROM tftp.fetch"
          + " WHERE tenant_id = ? AND (?::text IS NULL OR mac = ?) AND (?::bigint IS NULL OR id < ?)"
          + " ORDER BY id DESC LIMIT ?";

  private FetchRows() {}

  /** Writes {@code fetches} and moves each device's last fetch forward, in one transaction. */
  public static void insert(Connection c, List<Fetch> fetches) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (Fetch f : fetches) {
        ps.setObject(1, f.tenantId());
        ps.setString(2, f.mac() == null ? null : f.mac().value());
        ps.setString(3, f.fileName());
        ps.setString(4, f.source());
        ps.setString(5, f.transport());
        ps.setLong(6, f.bytes());
        ps.setString(7, f.outcome());
        ps.setTimestamp(8, Timestamp.from(f.at()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
    Map<String, Fetch> latest = new HashMap<>();
    for (Fetch f : fetches) {
      if (f.mac() != null && f.outcome().equals("completed")) {
        latest.merge(f.mac().value(), f, (a, b) -> a.at().isAfter(b.at()) ? a : b);
      }
    }
    if (latest.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(LAST_FETCH)) {
      for (Fetch f : latest.values()) {
        Timestamp at = Timestamp.from(f.at());
        ps.setTimestamp(1, at);
        ps.setString(2, f.fileName());
        ps.setString(3, f.source());
        ps.setString(4, f.transport());
        ps.setString(5, f.mac().value());
        ps.setTimestamp(6, at);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** One stored fetch, with the id that pages through them. */
  public record Row(long id, Fetch fetch) {}

  /** The newest fetches of a tenant first, before {@code beforeId} when given. */
  public static List<Row> page(
      Connection c, UUID tenantId, MacAddress mac, Long beforeId, int limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PAGE)) {
      ps.setObject(1, tenantId);
      String m = mac == null ? null : mac.value();
      ps.setString(2, m);
      ps.setString(3, m);
      if (beforeId == null) {
        ps.setNull(4, Types.BIGINT);
        ps.setNull(5, Types.BIGINT);
      } else {
        ps.setLong(4, beforeId);
        ps.setLong(5, beforeId);
      }
      ps.setInt(6, limit);
      List<Row> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String macText = rs.getString(2);
          Instant at = rs.getTimestamp(8).toInstant();
          rows.add(
              new Row(
                  rs.getLong(1),
                  new Fetch(
                      tenantId,
                      macText == null ? null : new MacAddress(macText),
                      rs.getString(3),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getLong(6),
                      rs.getString(7),
                      at)));
        }
      }
      return rows;
    }
  }
}
