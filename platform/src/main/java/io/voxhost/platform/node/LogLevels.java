package io.voxhost.platform.node;

import io.voxhost.platform.config.ReloadedSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.LogContext;

/**
 * Applies changed {@code quarkus.log.level} and {@code quarkus.log.category."<name>".level} to the
 * running loggers. A level finer than the category's build-time {@code min-level} (DEBUG unless
 * set) is accepted but shows nothing more: those calls are compiled out.
 */
final class LogLevels {

  static final String ROOT = "quarkus.log.level";
  private static final String ROOT_DEFAULT = "INFO";
  private static final Pattern CATEGORY =
      Pattern.compile("^quarkus\\.log\\.category\\.(?:\"([^\"]+)\"|([^\"]+))\\.level$");

  private final LogContext context;

  LogLevels(LogContext context) {
    this.context = context;
  }

  /**
   * Sets the level of every logger whose level key changed, and returns those keys. Every value is
   * checked before any is applied, so a bad one changes nothing.
   *
   * @throws IllegalArgumentException naming the key of a level that does not exist
   */
  Set<String> apply(ReloadedSettings settings) {
    Map<String, Optional<Level>> levels = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();
    for (String key : settings.changed()) {
      Optional<String> logger = loggerOf(key);
      if (logger.isEmpty()) {
        continue;
      }
      Optional<String> value = settings.config().getOptionalValue(key, String.class);
      boolean root = logger.get().isEmpty();
      if (value.isEmpty() && root) {
        value = Optional.of(ROOT_DEFAULT);
      }
      levels.put(
          logger.get(), value.filter(v -> !v.equalsIgnoreCase("inherit")).map(v -> level(key, v)));
      keys.put(logger.get(), key);
    }
    levels.forEach((logger, level) -> context.getLogger(logger).setLevel(level.orElse(null)));
    return Set.copyOf(keys.values());
  }

  /** The logger a key sets the level of ({@code ""} for the root), if it is a level key. */
  static Optional<String> loggerOf(String key) {
    if (key.equals(ROOT)) {
      return Optional.of("");
    }
    Matcher m = CATEGORY.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
  }

  private Level level(String key, String value) {
    try {
      return context.getLevelForName(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": no log level named '" + value + "'", e);
    }
  }
}
