package io.voxhost.sip.store;

import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/** Subscriber credentials by plain JDBC, for the SIP request path (no ORM session there). */
@ApplicationScoped
public class SubscriberRows {

  private static final String FIND =
      "select username, display_name, realm, ha1_md5, ha1_sha256, created_at, updated_at"
          + " from sip.subscriber"
          + " where tenant_id = ? and username = ?";

  private static final String OF_TENANT =
      "select username, display_name, realm, ha1_md5, ha1_sha256, created_at, updated_at"
          + " from sip.subscriber"
          + " where tenant_id = ?";

  private static final String ALL =
      "select username, display_name, realm, ha1_md5, ha1_sha256, created_at, updated_at,"
          + " tenant_id from sip.subscriber";

  private static final String UPSERT =
      "insert into sip.subscriber (id, tenant_id, username, display_name, realm, ha1_md5,"
          + " ha1_sha256, created_at, updated_at)"
          + " select gen_random_uuid(), ?, u, d, ?, m, s, ?, ? from unnest(?::text[], ?::text[],"
          + " ?::text[], ?::text[]) as r(u, d, m, s)"
          + " on conflict (tenant_id, username) do update set display_name = excluded.display_name,"
          + " realm = excluded.realm, ha1_md5 = excluded.ha1_md5,"
          + " ha1_sha256 = excluded.ha1_sha256, updated_at = excluded.updated_at"
          + " returning (xmax = 0)";

  /** One subscriber of a bulk write, hashes computed. */
  public record Row(String username, String displayName, String ha1Md5, String ha1Sha256) {}

  /** What the request path needs of a subscriber. */
  public record Credentials(
      String username,
      String displayName,
      String realm,
      String ha1Md5,
      String ha1Sha256,
      Instant createdAt,
      Instant updatedAt) {}

  private final Jdbc jdbc;

  SubscriberRows(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates or replaces the rows within the caller's transaction; returns how many were new. */
  public int upsert(UUID tenantId, String realm, List<Row> rows, Instant now) {
    return jdbc.transaction(c -> upsert(c, tenantId, realm, rows, now));
  }

  private static int upsert(Connection c, UUID tenantId, String realm, List<Row> rows, Instant now)
      throws SQLException {
    int n = rows.size();
    String[] user = new String[n];
    String[] display = new String[n];
    String[] md5 = new String[n];
    String[] sha = new String[n];
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      user[i] = r.username();
      display[i] = r.displayName();
      md5[i] = r.ha1Md5();
      sha[i] = r.ha1Sha256();
    }
    int created = 0;
    try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setObject(1, tenantId);
      ps.setString(2, realm);
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setArray(5, c.createArrayOf("text", user));
      ps.setArray(6, c.createArrayOf("text", display));
      ps.setArray(7, c.createArrayOf("text", md5));
      ps.setArray(8, c.createArrayOf("text", sha));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getBoolean(1)) {
            created++;
          }
        }
      }
    }
    return created;
  }

  public Optional<Credentials> find(UUID tenantId, String username) {
    return jdbc.one(FIND, SubscriberRows::credentials, tenantId, username);
  }

  /** Every subscriber of one tenant. */
  public List<Credentials> ofTenant(UUID tenantId) {
    return jdbc.list(OF_TENANT, SubscriberRows::credentials, tenantId);
  }

  /** Every subscriber of every tenant, handed over one by one as they are read. */
  public void forEach(BiConsumer<UUID, Credentials> each) {
    jdbc.run(
        c -> {
          // A cursor (fetch size in a transaction), so that a million rows never sit in memory
          // twice.
          c.setAutoCommit(false);
          try (PreparedStatement ps = c.prepareStatement(ALL)) {
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                each.accept(rs.getObject(8, UUID.class), credentials(rs));
              }
            }
          } finally {
            c.rollback();
            c.setAutoCommit(true);
          }
          return null;
        });
  }

  private static Credentials credentials(ResultSet rs) throws SQLException {
    return new Credentials(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getTimestamp(6).toInstant(),
        rs.getTimestamp(7).toInstant());
  }
}
