package io.voxhost.platform.database;

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
import javax.sql.DataSource;

/**
 * The one way a store talks SQL: statements with positional parameters, rows mapped by a lambda,
 * work in one transaction, and every {@link SQLException} turned into a {@link DatabaseFailure}.
 * Parameters are bound by type: {@link Instant} as a timestamp, everything else as the driver's
 * object (UUID, String, numbers, booleans, null).
 */
@ApplicationScoped
public class Jdbc {

  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Rows of a query, mapped one by one. */
  public <T> List<T> list(String sql, Row<T> row, Object... params) {
    return run(c -> list(c, sql, row, params));
  }

  /** The first row of a query, if any. */
  public <T> Optional<T> one(String sql, Row<T> row, Object... params) {
    return run(c -> one(c, sql, row, params));
  }

  /** An INSERT, UPDATE or DELETE; returns the rows it changed. */
  public int update(String sql, Object... params) {
    return run(c -> update(c, sql, params));
  }

  /** {@code work} on one connection in auto-commit mode. */
  public <T> T run(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw DatabaseFailure.of(e);
    }
  }

  /**
   * {@code work} in one transaction: committed when it returns, rolled back when it throws. Inside
   * a container transaction (a {@code @Transactional} caller) it joins that one instead.
   */
  public <T> T transaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      if (!c.getAutoCommit()) {
        return work.run(c); // enlisted in a container transaction: it commits
      }
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw DatabaseFailure.of(e);
    }
  }

  public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(row.map(rs));
      }
      return rows;
    }
  }

  public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... params)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(row.map(rs)) : Optional.empty();
    }
  }

  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }

  /** The same statement once per parameter list, sent as one batch. */
  public static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Object[] params : rows) {
        bind(ps, params);
        ps.addBatch();
      }
      return ps.executeBatch();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      bind(ps, params);
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof Instant instant) {
        ps.setTimestamp(i + 1, Timestamp.from(instant));
      } else {
        ps.setObject(i + 1, p);
      }
    }
  }

  /** Maps the current row of a result. */
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Work on a connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }
}
