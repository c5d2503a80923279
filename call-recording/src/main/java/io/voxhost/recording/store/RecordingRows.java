package io.voxhost.recording.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.outbox.OutboxEvent;
import io.voxhost.recording.service.Recording;
import io.voxhost.recording.service.RecordingStatus;
import io.voxhost.recording.service.RecordingStore;
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
import java.util.Optional;
import java.util.UUID;

/** {@code recording.recording} rows, by plain JDBC: a recording is one row, read whole. */
@ApplicationScoped
public class RecordingRows implements RecordingStore {

  private static final String COLUMNS =
      "id, tenant_id, call_id, from_number, to_number, direction, codec, source, status,"
          + " truncated, started_at, duration_ms, channels, size_bytes, sha256, file, legs::text,"
          + " metadata::text, error, created_at, completed_at, mono_file, mono_size, mono_sha256";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbc jdbc;
  private final Outbox outbox;

  RecordingRows(Jdbc jdbc, Outbox outbox) {
    this.jdbc = jdbc;
    this.outbox = outbox;
  }

  // Each change of a recording's status is told (recording.lifecycle, for the cti role) in the
  // transaction that makes it.

  @Override
  public void insert(Recording r) {
    jdbc.transaction(
        c -> {
          insert(c, r);
          return told(c, r.tenantId(), r.id(), r.callId(), r.status());
        });
  }

  @Override
  public void insertFinished(Recording r) {
    jdbc.transaction(
        c -> {
          insert(c, r);
          finish(c, r);
          return told(c, r.tenantId(), r.id(), r.callId(), r.status());
        });
  }

  @Override
  public void status(UUID id, RecordingStatus status) {
    jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE recording.recording SET status = ? WHERE id = ?"
                      + " RETURNING tenant_id, call_id")) {
            ps.setString(1, status.value());
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                told(c, rs.getObject(1, UUID.class), id, rs.getString(2), status);
              }
            }
          }
          return null;
        });
  }

  @Override
  public void finish(Recording r) {
    jdbc.transaction(
        c -> {
          finish(c, r);
          return told(c, r.tenantId(), r.id(), r.callId(), r.status());
        });
  }

  private Void told(Connection c, UUID tenant, UUID id, String callId, RecordingStatus status)
      throws SQLException {
    ObjectNode body = JSON.createObjectNode();
    body.put("recording", id.toString());
    body.put("callId", callId == null || callId.length() > 512 ? null : callId);
    body.put("status", status.value());
    outbox.publish(
        c,
        List.of(
            new OutboxEvent(
                tenant, "recording.lifecycle", Instant.now(), id.toString(), body.toString())));
    return null;
  }

  @Override
  public Optional<Recording> find(UUID tenantId, UUID id) {
    return jdbc.run(c -> find(c, tenantId, id));
  }

  @Override
  public Optional<Recording> findById(UUID id, boolean deleted) {
    return jdbc.run(c -> findById(c, id, deleted));
  }

  @Override
  public void markTruncated(UUID id) {
    jdbc.run(c -> markTruncated(c, id));
  }

  @Override
  public void mono(UUID id, Recording.Mono mono) {
    jdbc.run(c -> mono(c, id, mono));
  }

  @Override
  public List<UUID> expire(UUID tenantId, Instant before, Instant at) {
    return jdbc.run(c -> expire(c, tenantId, before, at));
  }

  @Override
  public List<UUID> overQuota(UUID tenantId, long quota, Instant at) {
    return jdbc.run(c -> overQuota(c, tenantId, quota, at));
  }

  @Override
  public List<Unpurged> unpurged(int limit) {
    return jdbc.run(c -> unpurged(c, limit));
  }

  @Override
  public void purged(UUID id, Instant at) {
    jdbc.run(c -> purged(c, id, at));
  }

  @Override
  public List<Recording> page(
      UUID tenantId, Filter f, Instant afterStart, UUID afterId, int limit) {
    return jdbc.run(c -> page(c, tenantId, f, afterStart, afterId, limit));
  }

  @Override
  public boolean softDelete(UUID tenantId, UUID id, Instant at) {
    return jdbc.run(c -> softDelete(c, tenantId, id, at));
  }

  private static Void insert(Connection c, Recording r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO recording.recording (id, tenant_id, call_id, from_number, to_number,"
                + " direction, codec, source, status, truncated, started_at, legs, metadata,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)")) {
      ps.setObject(1, r.id());
      ps.setObject(2, r.tenantId());
      ps.setString(3, r.callId());
      ps.setString(4, r.from());
      ps.setString(5, r.to());
      ps.setString(6, r.direction());
      ps.setString(7, r.codec());
      ps.setString(8, r.source());
      ps.setString(9, r.status().value());
      ps.setBoolean(10, r.truncated());
      ps.setTimestamp(11, Timestamp.from(r.startedAt()));
      ps.setString(12, r.legsJson());
      ps.setString(13, r.metadataJson());
      ps.setTimestamp(14, Timestamp.from(r.createdAt()));
      ps.executeUpdate();
    }
    return null;
  }

  /** The end of a recording: completed, absent or failed, with what is known by then. */
  private static Void finish(Connection c, Recording r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE recording.recording SET status = ?, truncated = ?, started_at = ?,"
                + " duration_ms = ?, channels = ?, size_bytes = ?, sha256 = ?, file = ?,"
                + " legs = ?::jsonb, error = ?, completed_at = ? WHERE id = ?")) {
      ps.setString(1, r.status().value());
      ps.setBoolean(2, r.truncated());
      ps.setTimestamp(3, Timestamp.from(r.startedAt()));
      setLong(ps, 4, r.durationMs());
      setLong(ps, 5, r.channels() == null ? null : r.channels().longValue());
      setLong(ps, 6, r.sizeBytes());
      ps.setString(7, r.sha256());
      ps.setString(8, r.file());
      ps.setString(9, r.legsJson());
      ps.setString(10, r.error());
      ps.setTimestamp(11, r.completedAt() == null ? null : Timestamp.from(r.completedAt()));
      ps.setObject(12, r.id());
      ps.executeUpdate();
    }
    return null;
  }

  private static Optional<Recording> find(Connection c, UUID tenantId, UUID id)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM recording.recording WHERE id = ? AND tenant_id = ?"
                + " AND deleted_at IS NULL")) {
      ps.setObject(1, id);
      ps.setObject(2, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /** Any tenant's recording by id, deleted ones only if {@code deleted}. */
  private static Optional<Recording> findById(Connection c, UUID id, boolean deleted)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM recording.recording WHERE id = ?"
                + (deleted ? "" : " AND deleted_at IS NULL"))) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static Void markTruncated(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE recording.recording SET truncated = true, status = 'processing' WHERE id = ?")) {
      ps.setObject(1, id);
      ps.executeUpdate();
    }
    return null;
  }

  private static Void mono(Connection c, UUID id, Recording.Mono mono) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE recording.recording SET mono_file = ?, mono_size = ?, mono_sha256 = ?"
                + " WHERE id = ?")) {
      ps.setString(1, mono.file());
      ps.setLong(2, mono.sizeBytes());
      ps.setString(3, mono.sha256());
      ps.setObject(4, id);
      ps.executeUpdate();
    }
    return null;
  }

  /** Soft-deletes a tenant's finished recordings that started before {@code before}. */
  private static List<UUID> expire(Connection c, UUID tenantId, Instant before, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE recording.recording SET deleted_at = ? WHERE tenant_id = ?"
                + " AND deleted_at IS NULL AND status IN ('completed', 'absent', 'failed')"
                + " AND started_at < ? RETURNING id")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setObject(2, tenantId);
      ps.setTimestamp(3, Timestamp.from(before));
      return ids(ps);
    }
  }

  /**
   * Soft-deletes a tenant's oldest completed recordings until the rest, newest first, hold at most
   * {@code quota} bytes of audio (master and mono).
   */
  private static List<UUID> overQuota(Connection c, UUID tenantId, long quota, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE recording.recording SET deleted_at = ? WHERE id IN (SELECT id FROM ("
                + " SELECT id, sum(coalesce(size_bytes, 0) + coalesce(mono_size, 0))"
                + " OVER (ORDER BY started_at DESC, id DESC) AS kept"
                + " FROM recording.recording WHERE tenant_id = ? AND deleted_at IS NULL"
                + " AND status = 'completed') t WHERE kept > ?) RETURNING id")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setObject(2, tenantId);
      ps.setLong(3, quota);
      return ids(ps);
    }
  }

  private static List<Unpurged> unpurged(Connection c, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, tenant_id, file, mono_file FROM recording.recording"
                + " WHERE deleted_at IS NOT NULL AND purged_at IS NULL LIMIT ?")) {
      ps.setInt(1, limit);
      List<Unpurged> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Unpurged(
                  rs.getObject(1, UUID.class),
                  rs.getObject(2, UUID.class),
                  rs.getString(3),
                  rs.getString(4)));
        }
      }
      return out;
    }
  }

  private static Void purged(Connection c, UUID id, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE recording.recording SET purged_at = ?, file = NULL, mono_file = NULL"
                + " WHERE id = ?")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setObject(2, id);
      ps.executeUpdate();
    }
    return null;
  }

  private static List<UUID> ids(PreparedStatement ps) throws SQLException {
    List<UUID> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getObject(1, UUID.class));
      }
    }
    return out;
  }

  /**
   * Up to {@code limit} recordings of a tenant after the cursor ({@code afterStart}, {@code
   * afterId}), ordered by start then id: a stable order, since neither changes.
   */
  private static List<Recording> page(
      Connection c, UUID tenantId, Filter f, Instant afterStart, UUID afterId, int limit)
      throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM recording.recording WHERE tenant_id = ? AND deleted_at IS NULL"
            + " AND (?::timestamptz IS NULL OR started_at >= ?)"
            + " AND (?::timestamptz IS NULL OR started_at < ?)"
            + " AND (?::text IS NULL OR from_number = ? OR to_number = ?)"
            + " AND (?::text IS NULL OR call_id = ?)"
            + " AND (?::text IS NULL OR status = ?)"
            + " AND (?::timestamptz IS NULL OR (started_at, id) > (?, ?))"
            + " ORDER BY started_at, id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      ps.setObject(i++, tenantId);
      i = setTime(ps, i, f.from(), 2);
      i = setTime(ps, i, f.to(), 2);
      ps.setString(i++, f.number());
      ps.setString(i++, f.number());
      ps.setString(i++, f.number());
      ps.setString(i++, f.callId());
      ps.setString(i++, f.callId());
      String status = f.status() == null ? null : f.status().value();
      ps.setString(i++, status);
      ps.setString(i++, status);
      i = setTime(ps, i, afterStart, 2);
      ps.setObject(i++, afterId);
      ps.setInt(i, limit);
      List<Recording> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
      return out;
    }
  }

  /** Marks a recording deleted; true if it was there. */
  private static boolean softDelete(Connection c, UUID tenantId, UUID id, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE recording.recording SET deleted_at = ? WHERE id = ? AND tenant_id = ?"
                + " AND deleted_at IS NULL")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setObject(2, id);
      ps.setObject(3, tenantId);
      return ps.executeUpdate() == 1;
    }
  }

  private static int setTime(PreparedStatement ps, int i, Instant t, int times)
      throws SQLException {
    for (int k = 0; k < times; k++) {
      ps.setTimestamp(i++, t == null ? null : Timestamp.from(t));
    }
    return i;
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  /** The column's word as the enum; the check constraint allows no other. */
  private static RecordingStatus status(String value) {
    return RecordingStatus.fromValue(value)
        .orElseThrow(() -> new IllegalStateException("Unknown recording status: " + value));
  }

  private static Recording row(ResultSet rs) throws SQLException {
    Timestamp completed = rs.getTimestamp(21);
    long duration = rs.getLong(12);
    Long durationMs = rs.wasNull() ? null : duration;
    int channels = rs.getInt(13);
    Integer ch = rs.wasNull() ? null : channels;
    long size = rs.getLong(14);
    Long sizeBytes = rs.wasNull() ? null : size;
    return new Recording(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        status(rs.getString(9)),
        rs.getBoolean(10),
        rs.getTimestamp(11).toInstant(),
        durationMs,
        ch,
        sizeBytes,
        rs.getString(15),
        rs.getString(16),
        rs.getString(17),
        rs.getString(18),
        rs.getString(19),
        rs.getTimestamp(20).toInstant(),
        completed == null ? null : completed.toInstant(),
        rs.getString(22) == null
            ? null
            : new Recording.Mono(rs.getString(22), rs.getLong(23), rs.getString(24)));
  }
}
