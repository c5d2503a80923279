package io.voxhost.recording.store;

import io.voxhost.platform.database.Jdbc;
import io.voxhost.recording.service.AccessLog;
import io.voxhost.recording.service.AccessStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** {@code recording.access_log} rows. */
@ApplicationScoped
public class AccessRows implements AccessStore {

  private final Jdbc jdbc;

  AccessRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void insert(UUID tenantId, AccessLog.Entry e) {
    jdbc.update(
        "INSERT INTO recording.access_log (tenant_id, recording_id, action, via, key_prefix,"
            + " source, bytes, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        tenantId,
        e.recordingId(),
        e.action(),
        e.via(),
        e.keyPrefix(),
        e.source(),
        e.bytes(),
        e.at());
  }

  @Override
  public List<AccessLog.Entry> page(UUID tenantId, UUID recordingId, Long before, int limit) {
    return jdbc.list(
        "SELECT id, recording_id, action, via, key_prefix, source, bytes, at"
            + " FROM recording.access_log WHERE tenant_id = ?"
            + " AND (?::uuid IS NULL OR recording_id = ?)"
            + " AND (?::bigint IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
        AccessRows::entry,
        tenantId,
        recordingId,
        recordingId,
        before,
        before,
        limit);
  }

  private static AccessLog.Entry entry(ResultSet rs) throws SQLException {
    long bytes = rs.getLong(7);
    Long b = rs.wasNull() ? null : bytes;
    return new AccessLog.Entry(
        rs.getLong(1),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        b,
        rs.getTimestamp(8).toInstant());
  }
}
