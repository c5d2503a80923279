package io.voxhost.platform.database;

import io.voxhost.platform.config.StartupFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** Proves an external database answers before anything else starts. */
public final class DatabaseProbe {

  private DatabaseProbe() {}

  public static void check(DatabaseTarget target, Duration timeout) {
    if (!target.jdbcUrl().startsWith("jdbc:postgresql:")) {
      throw StartupFailure.configuration(
          "voxhost.db.url must be a jdbc:postgresql: URL, not " + redacted(target.jdbcUrl()));
    }
    long seconds = Math.max(1, timeout.toSeconds());
    Properties properties = new Properties();
    properties.setProperty("user", target.user());
    properties.setProperty("password", target.password());
    properties.setProperty("connectTimeout", Long.toString(seconds));
    properties.setProperty("loginTimeout", Long.toString(seconds));
    properties.setProperty("socketTimeout", Long.toString(seconds));
    try (Connection c = new org.postgresql.Driver().connect(target.jdbcUrl(), properties)) {
      if (c == null) {
        throw StartupFailure.configuration(
            "voxhost.db.url is not understood: " + redacted(target.jdbcUrl()));
      }
      c.isValid((int) seconds);
    } catch (SQLException e) {
      throw new StartupFailure(
          "cannot connect to the database at "
              + redacted(target.jdbcUrl())
              + " as '"
              + target.user()
              + "': "
              + oneLine(e)
              + " (check voxhost.db.url, voxhost.db.user, voxhost.db.password)");
    }
  }

  /** JDBC URLs may carry a password parameter; it never reaches a log line. */
  static String redacted(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String oneLine(SQLException e) {
    Throwable cause = e;
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.toString().replaceAll("\\s+", " ").trim();
  }
}
