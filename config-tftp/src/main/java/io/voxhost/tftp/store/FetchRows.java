package io.voxhost.tftp.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.outbox.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code tftp.fetch} rows, and each device's last fetch, written in batches. */
@ApplicationScoped
public class FetchRows {

  /** A batch of fetches in one statement, a column per array: a storm writes hundreds at once. */
  private static final String INSERT =
      "INSERT INTO tftp.fetch (tenant_id, mac, file_name, source, transport, bytes, outcome,"
          + " fetched_at) SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::bigint[], ?::text[], ?::timestamptz[])";

  private static final String LAST_FETCH =
      "UPDATE tftp.device SET last_fetch_at = ?, last_fetch_file = ?, last_fetch_source = ?,"
          + " last_fetch_transport = ? WHERE mac = ? AND (last_fetch_at IS NULL OR last_fetch_at <= ?)";
  private static final String PAGE =
      "SELECT id, tenant_id, mac, file_name, source, transport, bytes, outcome, fetched_at"
          + " FROM tftp.fetch WHERE tenant_id = ? AND (?::text IS NULL OR mac = ?)"
          + " AND (?::bigint IS NULL OR id < ?) ORDER BY id DESC LIMIT ?";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Jdbc jdbc;
  private final Outbox outbox;

  FetchRows(Jdbc jdbc, Outbox outbox) {
    this.jdbc = jdbc;
    this.outbox = outbox;
  }

  /** One fetch as stored; {@code id} is 0 until it is. */
  public record Row(
      long id,
      UUID tenantId,
      String mac,
      String fileName,
      String source,
      String transport,
      long bytes,
      String outcome,
      Instant at) {}

  /** Writes {@code fetches} and moves each device's last fetch forward, in one transaction. */
  public void insert(List<Row> fetches) {
    int n = fetches.size();
    Object[] tenant = new Object[n];
    String[] mac = new String[n];
    String[] file = new String[n];
    String[] source = new String[n];
    String[] transport = new String[n];
    Long[] bytes = new Long[n];
    String[] outcome = new String[n];
    Timestamp[] at = new Timestamp[n];
    Map<String, Row> latest = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Row f = fetches.get(i);
      tenant[i] = f.tenantId();
      mac[i] = f.mac();
      file[i] = f.fileName();
      source[i] = f.source();
      transport[i] = f.transport();
      bytes[i] = f.bytes();
      outcome[i] = f.outcome();
      at[i] = Timestamp.from(f.at());
      if (f.mac() != null && f.outcome().equals("completed")) {
        latest.merge(f.mac(), f, (a, b) -> a.at().isAfter(b.at()) ? a : b);
      }
    }
    List<Object[]> lastFetches = new ArrayList<>(latest.size());
    for (Row f : latest.values()) {
      lastFetches.add(
          new Object[] {f.at(), f.fileName(), f.source(), f.transport(), f.mac(), f.at()});
    }
    // A tenant's phones' fetches, for the cti role, with the rows that record them.
    List<OutboxEvent> events = new ArrayList<>();
    for (Row f : fetches) {
      if (f.tenantId() != null) {
        ObjectNode body = JSON.createObjectNode();
        body.put("file", f.fileName());
        body.put("protocol", f.transport());
        body.put("result", f.outcome());
        body.put("bytes", f.bytes());
        body.put("address", f.source());
        body.put("mac", f.mac());
        String phone = f.mac() != null ? f.mac() : f.fileName();
        events.add(
            new OutboxEvent(f.tenantId(), "provisioning.fetch", f.at(), phone, body.toString()));
      }
    }
    jdbc.transaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setArray(1, c.createArrayOf("uuid", tenant));
            ps.setArray(2, c.createArrayOf("text", mac));
            ps.setArray(3, c.createArrayOf("text", file));
            ps.setArray(4, c.createArrayOf("text", source));
            ps.setArray(5, c.createArrayOf("text", transport));
            ps.setArray(6, c.createArrayOf("int8", bytes));
            ps.setArray(7, c.createArrayOf("text", outcome));
            ps.setArray(8, c.createArrayOf("timestamptz", at));
            ps.executeUpdate();
          }
          if (!lastFetches.isEmpty()) {
            Jdbc.batch(c, LAST_FETCH, lastFetches);
          }
          outbox.publish(c, events);
          return null;
        });
  }

  /** The newest fetches of a tenant first, before {@code beforeId} when given. */
  public List<Row> page(UUID tenantId, String mac, Long beforeId, int limit) {
    return jdbc.list(PAGE, FetchRows::row, tenantId, mac, mac, beforeId, beforeId, limit);
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getLong(1),
        rs.getObject(2, UUID.class),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getLong(7),
        rs.getString(8),
        rs.getTimestamp(9).toInstant());
  }
}
