package io.voxhost.cnam.store;

import io.voxhost.cnam.service.DirectoryEntry;
import io.voxhost.cnam.service.DirectoryFull;
import io.voxhost.cnam.service.DirectoryMemory;
import io.voxhost.cnam.service.DirectoryNames;
import io.voxhost.cnam.service.DirectoryScope;
import io.voxhost.cnam.service.DirectoryStore;
import io.voxhost.cnam.service.NumberInTenant;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.database.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code cnam.tenant_entry} and {@code cnam.platform_entry}: the same statements on either, the
 * tenant's narrowed to its {@code tenant_id} (the first column of its primary key, so every read is
 * one index range).
 */
@ApplicationScoped
public class DirectoryRows implements DirectoryStore {

  /** Entries written by one statement of an import: arrays of this many numbers and names. */
  static final int BATCH = 10_000;

  private final Jdbc jdbc;
  private final ChangeFeed feed;

  DirectoryRows(Jdbc jdbc, ChangeFeed feed) {
    this.jdbc = jdbc;
    this.feed = feed;
  }

  @Override
  public Optional<DirectoryEntry> find(DirectoryScope scope, String number) {
    return jdbc.run(
        c ->
            Jdbc.one(
                c,
                "SELECT number, name, updated_at FROM "
                    + table(scope)
                    + " WHERE "
                    + owner(scope)
                    + "number = ?",
                DirectoryRows::entry,
                params(scope, number)));
  }

  @Override
  public List<DirectoryNames> findBoth(List<NumberInTenant> numbers) {
    UUID[] tenants = new UUID[numbers.size()];
    String[] e164s = new String[numbers.size()];
    for (int i = 0; i < numbers.size(); i++) {
      tenants[i] = numbers.get(i).tenant();
      e164s[i] = numbers.get(i).e164();
    }
    // Each side is one primary-key probe a number; the arrays keep it one statement a batch.
    return jdbc.run(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT t.name, p.name FROM unnest(?::uuid[], ?::text[]) WITH ORDINALITY"
                      + " AS q(tenant_id, number, i)"
                      + " LEFT JOIN cnam.tenant_entry t"
                      + " ON t.tenant_id = q.tenant_id AND t.number = q.number"
                      + " LEFT JOIN cnam.platform_entry p ON p.number = q.number"
                      + " ORDER BY q.i")) {
            ps.setArray(1, c.createArrayOf("uuid", tenants));
            ps.setArray(2, c.createArrayOf("text", e164s));
            List<DirectoryNames> found = new ArrayList<>(numbers.size());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                found.add(
                    new DirectoryNames(
                        Optional.ofNullable(rs.getString(1)),
                        Optional.ofNullable(rs.getString(2))));
              }
            }
            return found;
          }
        });
  }

  @Override
  public List<DirectoryEntry> page(DirectoryScope scope, String after, int limit) {
    return jdbc.run(
        c ->
            Jdbc.list(
                c,
                "SELECT number, name, updated_at FROM "
                    + table(scope)
                    + " WHERE "
                    + owner(scope)
                    + "number > ? ORDER BY number LIMIT ?",
                DirectoryRows::entry,
                params(scope, after == null ? "" : after, limit)));
  }

  @Override
  public boolean put(DirectoryScope scope, String number, String name, int maxEntries) {
    return jdbc.transaction(
        c -> {
          lock(c, scope);
          boolean created =
              Jdbc.one(
                      c,
                      "INSERT INTO "
                          + table(scope)
                          + " ("
                          + ownerColumn(scope)
                          + "number, name, updated_at) VALUES ("
                          + ownerParam(scope)
                          + "?, ?, ?) ON CONFLICT ("
                          + ownerColumn(scope)
                          + "number) DO UPDATE SET name = EXCLUDED.name,"
                          + " updated_at = EXCLUDED.updated_at RETURNING (xmax = 0)",
                      rs -> rs.getBoolean(1),
                      params(scope, number, name, Instant.now()))
                  .orElseThrow();
          if (created) {
            refuseBeyond(c, scope, maxEntries);
          }
          announce(c, scope, number);
          return created;
        });
  }

  @Override
  public boolean delete(DirectoryScope scope, String number) {
    return jdbc.transaction(
        c -> {
          int gone =
              Jdbc.update(
                  c,
                  "DELETE FROM " + table(scope) + " WHERE " + owner(scope) + "number = ?",
                  params(scope, number));
          if (gone > 0) {
            announce(c, scope, number);
          }
          return gone > 0;
        });
  }

  @Override
  public long load(
      DirectoryScope scope, List<DirectoryEntry> entries, boolean replace, int maxEntries) {
    return jdbc.transaction(
        c -> {
          lock(c, scope);
          if (replace) {
            Jdbc.update(c, "DELETE FROM " + table(scope) + ownerWhere(scope), ownerParams(scope));
          }
          Instant now = Instant.now();
          for (int from = 0; from < entries.size(); from += BATCH) {
            write(c, scope, entries.subList(from, Math.min(entries.size(), from + BATCH)), now);
          }
          long held = refuseBeyond(c, scope, maxEntries);
          announce(c, scope, DirectoryMemory.EVERY_NUMBER);
          return held;
        });
  }

  /**
   * Writes to one directory one after another (until the transaction ends), so that two of them
   * cannot each see room for their entries and together pass directory.max-entries.
   */
  private static void lock(Connection c, DirectoryScope scope) throws SQLException {
    String which = scope.tenant() == null ? "platform" : scope.tenant().toString();
    Jdbc.one(
        c,
        "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))",
        rs -> Boolean.TRUE,
        "cnam.directory " + which);
  }

  /**
   * The entries the scope holds in this transaction; past {@code maxEntries} the write is undone
   * (the exception rolls the transaction back).
   */
  private long refuseBeyond(Connection c, DirectoryScope scope, int maxEntries)
      throws SQLException {
    long held =
        Jdbc.one(
                c,
                "SELECT count(*) FROM " + table(scope) + ownerWhere(scope),
                rs -> rs.getLong(1),
                ownerParams(scope))
            .orElse(0L);
    if (held > maxEntries) {
      throw DirectoryFull.of(maxEntries, held);
    }
    return held;
  }

  @Override
  public int clear(DirectoryScope scope) {
    return jdbc.transaction(
        c -> {
          int gone =
              Jdbc.update(c, "DELETE FROM " + table(scope) + ownerWhere(scope), ownerParams(scope));
          announce(c, scope, DirectoryMemory.EVERY_NUMBER);
          return gone;
        });
  }

  /** One statement for a batch: two arrays unnested side by side, not one statement a row. */
  private static void write(
      Connection c, DirectoryScope scope, List<DirectoryEntry> batch, Instant now)
      throws SQLException {
    String[] numbers = new String[batch.size()];
    String[] names = new String[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      numbers[i] = batch.get(i).number();
      names[i] = batch.get(i).name();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO "
                + table(scope)
                + " ("
                + ownerColumn(scope)
                + "number, name, updated_at) SELECT "
                + ownerParam(scope)
                + "u.number, u.name, ? FROM unnest(?::text[], ?::text[]) AS u(number, name)"
                + " ON CONFLICT ("
                + ownerColumn(scope)
                + "number) DO UPDATE SET name = EXCLUDED.name,"
                + " updated_at = EXCLUDED.updated_at")) {
      int at = 1;
      if (!scope.isPlatform()) {
        ps.setObject(at++, scope.tenant());
      }
      ps.setTimestamp(at++, Timestamp.from(now));
      ps.setArray(at++, c.createArrayOf("text", numbers));
      ps.setArray(at, c.createArrayOf("text", names));
      ps.executeUpdate();
    }
  }

  private void announce(Connection c, DirectoryScope scope, String number) throws SQLException {
    feed.publish(c, DirectoryMemory.CHANNEL, List.of(DirectoryMemory.line(scope, number)));
  }

  private static DirectoryEntry entry(ResultSet rs) throws SQLException {
    return new DirectoryEntry(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant());
  }

  private static String table(DirectoryScope scope) {
    return scope.isPlatform() ? "cnam.platform_entry" : "cnam.tenant_entry";
  }

  private static String owner(DirectoryScope scope) {
    return scope.isPlatform() ? "" : "tenant_id = ? AND ";
  }

  private static String ownerWhere(DirectoryScope scope) {
    return scope.isPlatform() ? "" : " WHERE tenant_id = ?";
  }

  private static String ownerColumn(DirectoryScope scope) {
    return scope.isPlatform() ? "" : "tenant_id, ";
  }

  private static String ownerParam(DirectoryScope scope) {
    return scope.isPlatform() ? "" : "?, ";
  }

  private static Object[] ownerParams(DirectoryScope scope) {
    return scope.isPlatform() ? new Object[0] : new Object[] {scope.tenant()};
  }

  /** The scope's tenant (when it has one) followed by {@code rest}, as the statements take them. */
  private static Object[] params(DirectoryScope scope, Object... rest) {
    List<Object> all = new ArrayList<>(rest.length + 1);
    if (!scope.isPlatform()) {
      all.add(scope.tenant());
    }
    all.addAll(List.of(rest));
    return all.toArray();
  }
}
