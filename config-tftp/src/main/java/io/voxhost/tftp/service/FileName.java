package io.voxhost.tftp.service;

import java.util.Optional;

/**
 * A requested file name that stays inside the served namespace: relative, at most {@value
 * #MAX_LENGTH} characters of letters, digits and {@code . _ - + ~ = , @}, separated by single
 * slashes, with no segment that is {@code ..}, {@code .} or starts with a dot. Everything else
 * ({@code ..}, absolute paths, backslashes, percent-encoding, NUL and other control bytes,
 * non-ASCII, over-long names) is refused before any file is looked at.
 */
public record FileName(String value) {

  public static final int MAX_LENGTH = 255;

  public FileName {
    String refusal = check(value);
    if (refusal != null) {
      throw new IllegalArgumentException(refusal);
    }
  }

  /** Why {@code raw} is refused, or empty when it is a name this server may look up. */
  public static Optional<String> refusal(String raw) {
    return Optional.ofNullable(check(raw));
  }

  private static String check(String raw) {
    if (raw.isEmpty()) {
      return "Empty file name";
    }
    if (raw.length() > MAX_LENGTH) {
      return "File name longer than " + MAX_LENGTH + " characters";
    }
    if (raw.charAt(0) == '/') {
      return "Absolute paths are not served";
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!allowed(c)) {
        return c == '\\'
            ? "Backslashes are not allowed in file names"
            : c == '%'
                ? "Percent-encoded file names are not served"
                : "File name has a character that is not allowed";
      }
    }
    for (String segment : raw.split("/", -1)) {
      if (segment.isEmpty()) {
        return "Empty path segment";
      }
      if (segment.charAt(0) == '.') {
        return segment.equals("..")
            ? "Parent directories are not served"
            : "Hidden files are not served";
      }
    }
    return null;
  }

  private static boolean allowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-'
        || c == '+'
        || c == '~'
        || c == '='
        || c == ','
        || c == '@'
        || c == '/';
  }

  @Override
  public String toString() {
    return value;
  }
}
