package io.voxhost.sip.store.location;

import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.Binding;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The {@code sip.binding} table in plain JDBC: writes come in batches of thousands (one array
 * parameter per column), which an ORM would turn into one statement per row.
 */
final class BindingRows {

  private static final String COLUMNS =
      "tenant_id, aor_user, aor_domain, contact_key, contact_uri, q_millis, expires_at, call_id,"
          + " cseq, user_agent, path, instance_id, reg_id, source, transport, updated_at";

  private static final String UPSERT =
      "insert into sip.binding ("
          + COLUMNS
          + ") select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::int[], ?::timestamptz[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
          + " ?::int[], ?::text[], ?::text[], ?::timestamptz[])"
          + " on conflict (tenant_id, aor_user, contact_key) do update set"
          + " aor_domain = excluded.aor_domain, contact_uri = excluded.contact_uri,"
          + " q_millis = excluded.q_millis, expires_at = excluded.expires_at,"
          + " call_id = excluded.call_id, cseq = excluded.cseq, user_agent = excluded.user_agent,"
          + " path = excluded.path, instance_id = excluded.instance_id, reg_id = excluded.reg_id,"
          + " source = excluded.source, transport = excluded.transport,"
          + " updated_at = excluded.updated_at";

  private static final String DELETE_CONTACTS =
      "delete from sip.binding b using unnest(?::uuid[], ?::text[], ?::text[]) as d(t, u, k)"
          + " where b.tenant_id = d.t and b.aor_user = d.u and b.contact_key = d.k";

  private static final String DELETE_AORS =
      "delete from sip.binding b using unnest(?::uuid[], ?::text[]) as d(t, u)"
          + " where b.tenant_id = d.t and b.aor_user = d.u";

  private static final String SELECT_LIVE =
      "select " + COLUMNS + " from sip.binding where expires_at > ?";

  private static final String SELECT_AORS =
      "select b.* from sip.binding b join unnest(?::uuid[], ?::text[]) as d(t, u)"
          + " on b.tenant_id = d.t and b.aor_user = d.u where b.expires_at > ?";

  /** Rows one purge statement deletes at most: a backlog is taken in such steps. */
  static final int PURGE_STEP = 5000;

  private static final String PURGE =
      "delete from sip.binding where ctid in (select ctid from sip.binding where expires_at < ?"
          + " limit "
          + PURGE_STEP
          + ") returning *";

  /** The separator of Path values in the one text column: no header value holds a newline. */
  private static final String PATH_SEPARATOR = "\n";

  private BindingRows() {}

  static void upsert(Connection c, Collection<Binding> bindings) throws SQLException {
    if (bindings.isEmpty()) {
      return;
    }
    int n = bindings.size();
    Object[] tenant = new Object[n];
    String[] user = new String[n];
    String[] domain = new String[n];
    String[] key = new String[n];
    String[] uri = new String[n];
    Integer[] q = new Integer[n];
    Timestamp[] expires = new Timestamp[n];
    String[] callId = new String[n];
    Long[] cseq = new Long[n];
    String[] userAgent = new String[n];
    String[] path = new String[n];
    String[] instance = new String[n];
    Integer[] regId = new Integer[n];
    String[] source = new String[n];
    String[] transport = new String[n];
    Timestamp[] updated = new Timestamp[n];
    int i = 0;
    for (Binding b : bindings) {
      tenant[i] = b.aor().tenantId();
      user[i] = b.aor().user();
      domain[i] = b.aor().domain();
      key[i] = b.contactKey();
      uri[i] = b.contactUri();
      q[i] = b.qMillis();
      expires[i] = Timestamp.from(b.expiresAt());
      callId[i] = b.callId();
      cseq[i] = b.cseq();
      userAgent[i] = b.userAgent();
      path[i] = String.join(PATH_SEPARATOR, b.path());
      instance[i] = b.instanceId();
      regId[i] = b.regId();
      source[i] = b.source();
      transport[i] = b.transport();
      updated[i] = Timestamp.from(b.updatedAt());
      i++;
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      int p = 1;
      ps.setArray(p++, c.createArrayOf("uuid", tenant));
      ps.setArray(p++, c.createArrayOf("text", user));
      ps.setArray(p++, c.createArrayOf("text", domain));
      ps.setArray(p++, c.createArrayOf("text", key));
      ps.setArray(p++, c.createArrayOf("text", uri));
      ps.setArray(p++, c.createArrayOf("int4", q));
      ps.setArray(p++, c.createArrayOf("timestamptz", expires));
      ps.setArray(p++, c.createArrayOf("text", callId));
      ps.setArray(p++, c.createArrayOf("int8", cseq));
      ps.setArray(p++, c.createArrayOf("text", userAgent));
      ps.setArray(p++, c.createArrayOf("text", path));
      ps.setArray(p++, c.createArrayOf("text", instance));
      ps.setArray(p++, c.createArrayOf("int4", regId));
      ps.setArray(p++, c.createArrayOf("text", source));
      ps.setArray(p++, c.createArrayOf("text", transport));
      ps.setArray(p, c.createArrayOf("timestamptz", updated));
      ps.executeUpdate();
    }
  }

  /** Deletes single contacts, given as (tenant, user, contact key) triples. */
  static void deleteContacts(Connection c, List<Binding> bindings) throws SQLException {
    if (bindings.isEmpty()) {
      return;
    }
    int n = bindings.size();
    Object[] tenant = new Object[n];
    String[] user = new String[n];
    String[] key = new String[n];
    for (int i = 0; i < n; i++) {
      Binding b = bindings.get(i);
      tenant[i] = b.aor().tenantId();
      user[i] = b.aor().user();
      key[i] = b.contactKey();
    }
    try (PreparedStatement ps = c.prepareStatement(DELETE_CONTACTS)) {
      ps.setArray(1, c.createArrayOf("uuid", tenant));
      ps.setArray(2, c.createArrayOf("text", user));
      ps.setArray(3, c.createArrayOf("text", key));
      ps.executeUpdate();
    }
  }

  static void deleteAors(Connection c, Collection<AddressOfRecord> aors) throws SQLException {
    if (aors.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(DELETE_AORS)) {
      bindAors(c, ps, aors);
      ps.executeUpdate();
    }
  }

  /** Every binding live at {@code now}, handed to {@code sink} row by row. */
  static void loadLive(Connection c, Instant now, Consumer<Binding> sink) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false); // lets the driver stream with a fetch size instead of buffering all
    try (PreparedStatement ps = c.prepareStatement(SELECT_LIVE)) {
      ps.setFetchSize(5_000);
      ps.setTimestamp(1, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(read(rs));
        }
      }
      c.commit();
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The live bindings of the given AORs. */
  static List<Binding> loadAors(Connection c, Collection<AddressOfRecord> aors, Instant now)
      throws SQLException {
    List<Binding> out = new ArrayList<>();
    if (aors.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement(SELECT_AORS)) {
      bindAors(c, ps, aors);
      ps.setTimestamp(3, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
    }
    return out;
  }

  /**
   * Deletes up to {@link #PURGE_STEP} rows expired before {@code before}; returns them. Two nodes
   * purging at once delete each row once.
   */
  static List<Binding> purge(Connection c, Instant before) throws SQLException {
    List<Binding> gone = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(PURGE)) {
      ps.setTimestamp(1, Timestamp.from(before));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          gone.add(read(rs));
        }
      }
    }
    return gone;
  }

  private static void bindAors(Connection c, PreparedStatement ps, Collection<AddressOfRecord> aors)
      throws SQLException {
    Object[] tenant = new Object[aors.size()];
    String[] user = new String[aors.size()];
    int i = 0;
    for (AddressOfRecord aor : aors) {
      tenant[i] = aor.tenantId();
      user[i] = aor.user();
      i++;
    }
    Array tenants = c.createArrayOf("uuid", tenant);
    Array users = c.createArrayOf("text", user);
    ps.setArray(1, tenants);
    ps.setArray(2, users);
  }

  private static Binding read(ResultSet rs) throws SQLException {
    String path = rs.getString("path");
    int regId = rs.getInt("reg_id");
    Integer reg = rs.wasNull() ? null : regId;
    return new Binding(
        new AddressOfRecord(
            rs.getObject("tenant_id", UUID.class),
            rs.getString("aor_user"),
            rs.getString("aor_domain")),
        rs.getString("contact_uri"),
        rs.getString("contact_key"),
        rs.getInt("q_millis"),
        rs.getTimestamp("expires_at").toInstant(),
        rs.getString("call_id"),
        rs.getLong("cseq"),
        rs.getString("user_agent"),
        path == null || path.isEmpty() ? List.of() : Arrays.asList(path.split(PATH_SEPARATOR)),
        rs.getString("instance_id"),
        reg,
        rs.getString("source"),
        rs.getString("transport"),
        rs.getTimestamp("updated_at").toInstant());
  }
}
