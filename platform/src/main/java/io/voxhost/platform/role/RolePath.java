package io.voxhost.platform.role;

/**
 * An HTTP path prefix that belongs to one role: {@code /api/v1/sip} covers itself and every path
 * below it, segment by segment ({@code /api/v1/sipx} is not under it).
 */
public record RolePath(String role, String prefix) {

  public RolePath {
    if (!prefix.startsWith("/") || (prefix.length() > 1 && prefix.endsWith("/"))) {
      throw new IllegalArgumentException(
          "role " + role + ": path prefix '" + prefix + "' must start with / and not end with one");
    }
  }

  /** Whether {@code path} (already normalised, without query) is this prefix or below it. */
  public boolean covers(String path) {
    return path.startsWith(prefix)
        && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
  }
}
