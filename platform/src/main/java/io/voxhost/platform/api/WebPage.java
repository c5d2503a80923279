package io.voxhost.platform.api;

import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What every web page of ours (recordings, wallboard) goes out with. Such a page holds an API key
 * in the browser, which is where injected script hurts most: a strict Content-Security-Policy lets
 * only this origin's files run, nothing inline, no frames around it. Its script and style are
 * therefore files of their own, read once from the jar.
 */
public final class WebPage {

  /** The policy of every page and of its files. */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self';"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  /** The policy, in a sentence for the API's description. */
  public static final String CONTENT_SECURITY_POLICY_DOC =
      "Only this origin's scripts, styles, media and API; nothing inline; no frames around it";

  private WebPage() {}

  /** {@code body} as {@code type} with the page's security headers, never cached stale. */
  public static Response guarded(Object body, String type) {
    return Response.ok(body, type)
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-cache")
        .build();
  }

  /** A file of the page, from the jar beside {@code owner}. */
  public static byte[] file(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
