package io.voxhost.platform.database;

import java.sql.SQLException;

/**
 * A database call that failed, unchecked: the one exception type stores throw. {@link #sqlState()}
 * tells a conflict ({@code 23505}) from an outage ({@code 08...}).
 */
public final class DatabaseFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String sqlState;

  private DatabaseFailure(String message, String sqlState, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  public static DatabaseFailure of(SQLException e) {
    return new DatabaseFailure(e.getMessage(), e.getSQLState(), e);
  }

  /** The SQLSTATE, or null when the driver gave none. */
  public String sqlState() {
    return sqlState;
  }

  /** A unique or exclusion constraint refused the change. */
  public boolean isConflict() {
    return "23505".equals(sqlState) || "23P01".equals(sqlState);
  }

  /** The database could not be reached or the connection broke. */
  public boolean isUnavailable() {
    return sqlState != null && sqlState.startsWith("08");
  }
}
