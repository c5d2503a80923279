package io.voxhost.platform.database;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The one place every database call gets its deadline: {@code voxhost.db.timeout} (default 2 s)
 * becomes the pool's acquisition timeout, the driver's connect, login and socket timeouts and the
 * server's {@code statement_timeout}. A hung or partitioned PostgreSQL then fails a call within
 * that time instead of holding its thread, and the caller answers "unavailable, retry later".
 *
 * <p>It is a configuration source below {@code application.properties}, so an operator can still
 * set any one of the Quarkus keys it fills by hand.
 */
public final class DatabaseDeadlines implements ConfigSourceFactory {

  /** The key, and what it means when unset. */
  public static final String KEY = "voxhost.db.timeout";

  public static final Duration DEFAULT = Duration.ofSeconds(2);

  /** Above the platform defaults (100), below an application's own properties (250). */
  private static final int ORDINAL = 150;

  @Override
  public Iterable<org.eclipse.microprofile.config.spi.ConfigSource> getConfigSources(
      ConfigSourceContext context) {
    ConfigValue value = context.getValue(KEY);
    Duration timeout =
        value == null || value.getValue() == null ? DEFAULT : parse(value.getValue());
    return List.of(
        new PropertiesConfigSource(properties(timeout), "voxhost-db-deadlines", ORDINAL));
  }

  @Override
  public OptionalInt getPriority() {
    return OptionalInt.of(ORDINAL);
  }

  /** The Quarkus datasource settings that carry {@code timeout}. */
  public static Map<String, String> properties(Duration timeout) {
    // The driver counts whole seconds; never round a deadline down to "none".
    long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
    String prefix = "quarkus.datasource.jdbc.additional-jdbc-properties.";
    return Map.of(
        "quarkus.datasource.jdbc.acquisition-timeout",
        timeout.toMillis() + "ms",
        prefix + "connectTimeout",
        Long.toString(seconds),
        prefix + "loginTimeout",
        Long.toString(seconds),
        prefix + "socketTimeout",
        Long.toString(seconds),
        prefix + "options",
        "-c statement_timeout=" + timeout.toMillis());
  }

  /** The same forms as every other duration key: {@code 2s}, {@code 500ms}, ISO-8601. */
  static Duration parse(String text) {
    try {
      return DurationConverter.parseDuration(text.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          KEY + " must be a duration such as 2s or 500ms, not '" + text + "'", e);
    }
  }
}
