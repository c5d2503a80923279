package io.voxhost.platform.config;

import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;

/**
 * The configuration as a reload read it again, and the keys whose values changed since the previous
 * reload (or since start). A role applies those of its keys it can change at runtime and says
 * which; the node names the others as needing a restart.
 */
public final class ReloadedSettings {

  private final Config config;
  private final Set<String> changed;

  public ReloadedSettings(Config config, Set<String> changed) {
    this.config = config;
    this.changed = Set.copyOf(changed);
  }

  /** Whether {@code key} has a new value (or was added or removed). */
  public boolean changed(String key) {
    return changed.contains(key);
  }

  /** Every changed key, sorted. */
  public Set<String> changed() {
    return new TreeSet<>(changed);
  }

  /**
   * The value of {@code key} now, its default when no source sets it.
   *
   * @throws IllegalArgumentException naming the key, when the value does not convert
   */
  public <T> T value(String key, Class<T> type) {
    try {
      return config.getValue(key, type);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
    }
  }

  /** The re-read configuration itself, for keys read by pattern (log categories). */
  public Config config() {
    return config;
  }
}
