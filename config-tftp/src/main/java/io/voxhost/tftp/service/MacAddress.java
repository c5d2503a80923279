package io.voxhost.tftp.service;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A phone's MAC address, normalised to twelve lower-case hex digits. Accepted in the common
 * notations: {@code 00:11:22:aa:bb:cc}, {@code 00-11-22-AA-BB-CC}, {@code 0011.22aa.bbcc} and
 * {@code 001122AABBCC}.
 */
public record MacAddress(String value) {

  // Compiled once: String.matches compiles its pattern on every call, and a boot storm makes a
  // MAC of every request's name.
  private static final Pattern DIGITS = Pattern.compile("[0-9a-f]{12}");
  private static final Pattern COLONS = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");
  private static final Pattern DASHES = Pattern.compile("([0-9a-f]{2}-){5}[0-9a-f]{2}");
  private static final Pattern DOTS = Pattern.compile("([0-9a-f]{4}\\.){2}[0-9a-f]{4}");

  public MacAddress {
    if (!DIGITS.matcher(value).matches()) {
      throw new IllegalArgumentException("not a normalised MAC address: " + value);
    }
  }

  public static Optional<MacAddress> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip().toLowerCase(Locale.ROOT);
    String digits;
    if (DIGITS.matcher(t).matches()) {
      digits = t;
    } else if (COLONS.matcher(t).matches() || DASHES.matcher(t).matches()) {
      digits = t.replace(":", "").replace("-", "");
    } else if (DOTS.matcher(t).matches()) {
      digits = t.replace(".", "");
    } else {
      return Optional.empty();
    }
    return Optional.of(new MacAddress(digits));
  }

  /** Upper case, as Cisco and Snom spell it in file names. */
  public String upper() {
    return value.toUpperCase(Locale.ROOT);
  }

  /** {@code 00:11:22:aa:bb:cc}. */
  public String colons() {
    StringBuilder out = new StringBuilder(17);
    for (int i = 0; i < 12; i += 2) {
      if (i > 0) {
        out.append(':');
      }
      out.append(value, i, i + 2);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return value;
  }
}
