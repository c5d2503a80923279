package io.voxhost.platform.testing;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.voxhost.platform.config.ReloadedSettings;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * A table held by another transaction (ACCESS EXCLUSIVE) while some work runs: to that work the
 * database does not answer, as a hung one would, until its own deadline gives up.
 */
public final class HeldTable {

  private HeldTable() {}

  /** Runs {@code work} while {@code table} is locked by a transaction of its own; then frees it. */
  public static <T> T whileHeld(DataSource dataSource, String table, Callable<T> work)
      throws Exception {
    try (Connection holder = dataSource.getConnection();
        Statement s = holder.createStatement()) {
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
      try {
        return work.call();
      } finally {
        holder.rollback();
      }
    }
  }

  /** Settings a reload would read after an edit that set these keys (and changed only them). */
  public static ReloadedSettings edited(Map<String, String> values) {
    return new ReloadedSettings(
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(values, "edited", 260))
            .build(),
        values.keySet());
  }
}
