package io.voxhost.platform.api;

/** RFC 9110 entity tags as the file-serving endpoints compare them. */
public final class EntityTags {

  private EntityTags() {}

  /** Whether an {@code If-None-Match} header names {@code etag} (weakly, or by {@code *}). */
  public static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }
}
