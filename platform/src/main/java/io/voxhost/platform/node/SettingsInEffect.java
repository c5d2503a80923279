package io.voxhost.platform.node;

import io.smallrye.config.SmallRyeConfig;
import io.voxhost.platform.config.ConfigFiles;
import java.util.HashSet;
import java.util.Set;

/**
 * Which settings a reload offers as changed: those whose value differs from the one in effect. A
 * key a reload changed but no one applied (its part failed, or it needs a restart) stays changed
 * for the next reload, so that a rate limit missed while the database was away applies once a later
 * reload succeeds, instead of being compared with a value that never took effect.
 */
final class SettingsInEffect {

  /** The configuration the previous reload read. */
  private SmallRyeConfig previous;

  /** Keys changed by a reload that nothing applied since: not in effect yet. */
  private final Set<String> unapplied = new HashSet<>();

  SettingsInEffect(SmallRyeConfig running) {
    this.previous = running;
  }

  /** The configuration the previous reload read: what a reload keeps when the files are broken. */
  SmallRyeConfig previous() {
    return previous;
  }

  /** The keys of {@code now} whose value is not in effect. */
  Set<String> changed(SmallRyeConfig now) {
    Set<String> changed = new HashSet<>(ConfigFiles.changed(previous, now));
    changed.addAll(unapplied);
    return changed;
  }

  /** A reload read {@code now}, offered {@code changed} and applied {@code applied} of them. */
  void reloaded(SmallRyeConfig now, Set<String> changed, Set<String> applied) {
    previous = now;
    // Not cleared: a reload that could not read the files offered nothing and applied nothing.
    unapplied.addAll(changed);
    unapplied.removeAll(applied);
  }
}
