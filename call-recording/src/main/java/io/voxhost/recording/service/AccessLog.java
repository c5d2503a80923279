package io.voxhost.recording.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Every download, link and delete of a tenant's recordings, listable by the tenant. */
@ApplicationScoped
public class AccessLog {

  private final DataSource dataSource;

  AccessLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One entry; {@code keyPrefix} names the API key, null for a link or the sweeper. */
  public record Entry(
      long id,
      UUID recordingId,
      String action,
      String via,
      String keyPrefix,
      String source,
      Long bytes,
      Instant at) {}

  public void record(
      UUID tenantId,
      UUID recordingId,
      String action,
      String via,
      String keyPrefix,
      String source,
      Long bytes) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO recording.access_log (tenant_id, recording_id, action, via,"
                    + " key_prefix, source, bytes, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, tenantId);
      ps.setObject(2, recordingId);
      ps.setString(3, action);
      ps.setString(4, via);
      ps.setString(5, keyPrefix);
      ps.setString(6, source);
      if (bytes == null) {
        ps.setNull(7, Types.BIGINT);
      } else {
        ps.setLong(7, bytes);
      }
      ps.setTimestamp(8, Timestamp.from(Instant.now()));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Newest first, before {@code before} (an entry id) when given. */
  public List<Entry> page(UUID tenantId, UUID recordingId, Long before, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, recording_id, action, via, key_prefix, source, bytes, at"
                    + " FROM recording.access_log WHERE tenant_id = ?"
                    + " AND (?::uuid IS NULL OR recording_id = ?)"
                    + " AND (?::bigint IS NULL OR id < ?) ORDER BY id DESC LIMIT ?")) {
      ps.setObject(1, tenantId);
      ps.setObject(2, recordingId);
      ps.setObject(3, recordingId);
      ps.setObject(4, before);
      ps.setObject(5, before);
      ps.setInt(6, limit);
      List<Entry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long bytes = rs.getLong(7);
          Long b = rs.wasNull() ? null : bytes;
          out.add(
              new Entry(
                  rs.getLong(1),
                  rs.getObject(2, UUID.class),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  b,
                  rs.getTimestamp(8).toInstant()));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
