package io.voxhost.platform.metrics;

import java.util.regex.Pattern;

/**
 * A meter's name, {@code voxhost_<role>_<what>[_<unit>]}, after Prometheus' conventions: lower case
 * words, base units (seconds, bytes), a unit last. A counter's {@code _total} and a timer's {@code
 * _seconds} are added by the registry, never written here.
 *
 * @param role the role, or {@code api} / {@code node} for the platform's own
 * @param unit {@code bytes}, {@code tasks}, ... or null for a plain count
 */
public record MeterName(String role, String what, String unit) {

  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9]*");
  private static final Pattern WORDS = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

  public MeterName {
    if (!WORD.matcher(role).matches()
        || !WORDS.matcher(what).matches()
        || (unit != null && !WORD.matcher(unit).matches())) {
      throw new IllegalArgumentException(
          "meter names are lower-case words: " + role + " / " + what + " / " + unit);
    }
    if (what.endsWith("_total") || "total".equals(unit) || "seconds".equals(what)) {
      throw new IllegalArgumentException("the registry adds _total and _seconds itself: " + what);
    }
  }

  /** A plain count or state, no unit. */
  public static MeterName of(String role, String what) {
    return new MeterName(role, what, null);
  }

  @Override
  public String toString() {
    return "voxhost_" + role + "_" + what + (unit == null ? "" : "_" + unit);
  }
}
