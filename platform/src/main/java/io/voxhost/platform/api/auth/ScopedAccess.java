package io.voxhost.platform.api.auth;

import io.voxhost.platform.service.KeyScope;
import java.util.Optional;
import java.util.Set;

/**
 * What each {@link KeyScope} may call, by HTTP method and path alone, so that one rule in the
 * platform covers every module's resources (none of them needs to know scopes). The path is the one
 * the router matched, decoded; a scoped key is refused any path that is not plainly written (dot
 * segments, empty segments, matrix parameters, escapes), so that no spelling reaches another
 * resource than the one the rule allowed.
 */
final class ScopedAccess {

  /** RFC 9110's safe methods that a JAX-RS application answers (TRACE is not). */
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

  private static final Set<String> DOWNLOADS = Set.of("GET", "HEAD");

  private static final String KEYS = "/api/v1/keys";
  private static final String RECORDINGS = "/api/v1/recordings";

  /** Under /api/v1/recordings but no recording: the tenant's settings and live captures. */
  private static final Set<String> NOT_RECORDINGS = Set.of("settings", "sessions");

  private ScopedAccess() {}

  /**
   * Why a key of {@code scope} may not make this call; empty if it may. {@code readingPosts} are
   * the POST endpoints the roles declare to only read ({@link
   * io.voxhost.platform.role.Role#readingPosts()}).
   */
  static Optional<String> refusal(
      KeyScope scope, String method, String path, Set<String> readingPosts) {
    if (scope == KeyScope.FULL) {
      return Optional.empty();
    }
    String why = "this API key's scope is " + scope.text() + ": ";
    if (!plain(path)) {
      return Optional.of(why + "it may call plainly written paths only");
    }
    if (under(path, KEYS) || under(path, "/api/v1/admin")) {
      return Optional.of(why + "only a full key lists, creates or revokes keys");
    }
    return switch (scope) {
      case READ_ONLY ->
          SAFE.contains(method) || (method.equals("POST") && readingPosts.contains(path))
              ? Optional.empty()
              : Optional.of(why + "it may only read (GET, HEAD), not " + method);
      case RECORDINGS_READ ->
          DOWNLOADS.contains(method) && isRecording(path)
              ? Optional.empty()
              : Optional.of(
                  why + "it may only GET or HEAD recordings (" + RECORDINGS + "/...), not this");
      case FULL -> Optional.empty();
    };
  }

  private static boolean isRecording(String path) {
    if (path.equals(RECORDINGS) || path.equals(RECORDINGS + "/")) {
      return true;
    }
    if (!path.startsWith(RECORDINGS + "/")) {
      return false;
    }
    String rest = path.substring(RECORDINGS.length() + 1);
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    return !NOT_RECORDINGS.contains(first);
  }

  private static boolean under(String path, String root) {
    return path.equals(root) || path.startsWith(root + "/");
  }

  /** No segment is empty, "." or "..", and nothing is escaped or carries parameters. */
  private static boolean plain(String path) {
    if (!path.startsWith("/")
        || path.contains("//")
        || path.indexOf('%') >= 0
        || path.indexOf(';') >= 0
        || path.indexOf('\\') >= 0) {
      return false;
    }
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
