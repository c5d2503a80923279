package io.voxhost.platform.database;

import java.sql.SQLException;
import java.util.Locale;

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

  /**
   * Refused without asking: the database was just found away (see {@link
   * DatabaseOutages#recentlyAway}) and asking again would only wait out another deadline.
   */
  public static DatabaseFailure away(String what) {
    return new DatabaseFailure(what + ": the database was just found unavailable", "08000", null);
  }

  /** The SQLSTATE, or null when the driver gave none. */
  public String sqlState() {
    return sqlState;
  }

  /** A unique or exclusion constraint refused the change. */
  public boolean isConflict() {
    return "23505".equals(sqlState) || "23P01".equals(sqlState);
  }

  /**
   * The database could not be reached, the connection broke, or a deadline passed: worth retrying
   * later, unlike a refused change.
   */
  public boolean isUnavailable() {
    return unavailable(sqlState, getCause());
  }

  /**
   * Whether {@code failure}, or anything it was caused by, says the database is out of reach or
   * missed its deadline (see {@link DatabaseDeadlines}), whichever layer wrapped it (a store's
   * {@link DatabaseFailure}, Hibernate's exceptions, the pool's, the driver's).
   */
  public static boolean isOutage(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
      if (t instanceof DatabaseFailure d && d.isUnavailable()) {
        return true;
      }
      if (t instanceof SQLException sql && unavailable(sql.getSQLState(), sql)) {
        return true;
      }
      if (t instanceof java.net.SocketTimeoutException || connectingFailed(t.getMessage())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static boolean unavailable(String sqlState, Throwable e) {
    if (sqlState != null) {
      return sqlState.startsWith("08") // connection exception
          || sqlState.equals("57014") // statement_timeout (query_canceled)
          || sqlState.startsWith("57P") // shutting down, cannot connect now
          || sqlState.equals("53300"); // too many connections
    }
    // The pool reports an acquisition timeout with no SQLSTATE.
    return e != null && connectingFailed(e.getMessage());
  }

  /**
   * The pool's and the driver's words for a connection that could not be had in time, which they
   * report without a SQLSTATE of class 08 (none, or 99999 when the pool interrupts a connect).
   */
  private static boolean connectingFailed(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("acquisition timeout")
        || m.contains("interrupted while attempting to connect")
        || m.contains("connection attempt timed out");
  }
}
