package io.voxhost.platform.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An http(s) URL a tenant gave, checked for sending: its host resolved once, every address it
 * resolved to allowed by the {@link OutboundPolicy}, and {@link #address()} the one to connect to
 * (never resolved again, so the name cannot be re-pointed between the check and the connection).
 *
 * @param url the URL as given
 * @param https whether to speak TLS (verifying the certificate against {@link #host()})
 * @param host the URL's host, for the Host header, SNI and certificate checks (no brackets)
 * @param port the URL's port, or the scheme's default
 * @param requestTarget the path and query to ask for
 * @param address the checked address to connect to
 */
public record OutboundTarget(
    URI url, boolean https, String host, int port, String requestTarget, InetAddress address) {

  /** The longest URL taken. */
  public static final int MAX_LENGTH = 2048;

  private static final Pattern DOTTED_QUAD =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  /**
   * Checks {@code url} for sending under {@code policy}: an http(s) URL of at most {@link
   * #MAX_LENGTH} characters whose host resolves, through {@code resolver}, only to allowed
   * addresses. The refusal's message never repeats the URL's userinfo or query.
   */
  public static OutboundTarget check(String url, OutboundPolicy policy, HostResolver resolver)
      throws TargetRefused {
    URI uri = parse(url);
    boolean https = uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
    if (port < 1 || port > 65535) {
      throw new TargetRefused("the port must be 1 to 65535");
    }
    if (ambiguousNumber(host)) {
      // 2130706433, 0x7f.1, 0177.0.0.1, 127.1: libraries disagree on what they mean, so none is
      // taken; a dotted quad says the same to everyone.
      throw new TargetRefused("a numeric host must be written as a dotted quad (a.b.c.d)");
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new TargetRefused("the host " + host + " does not resolve");
    }
    if (addresses.isEmpty()) {
      throw new TargetRefused("the host " + host + " does not resolve");
    }
    for (InetAddress a : addresses) {
      Optional<String> why = policy.refusal(a, port);
      if (why.isPresent()) {
        throw new TargetRefused(
            "the host "
                + host
                + " is "
                + (host.equals(a.getHostAddress()) ? "" : "at " + a.getHostAddress() + ", ")
                + why.get()
                + ", which this node does not send to");
      }
    }
    String target =
        (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return new OutboundTarget(uri, https, host, port, target, addresses.get(0));
  }

  /** Checks only the form of {@code url} (no resolution): an http(s) URL with a host. */
  public static URI parse(String url) throws TargetRefused {
    if (url == null || url.length() > MAX_LENGTH) {
      throw new TargetRefused("an http(s) URL of up to " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new TargetRefused("an http(s) URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new TargetRefused("an http(s) URL with a host");
    }
    return uri;
  }

  /**
   * {@code url} as logs may show it: scheme, host, port and path, never the userinfo, query or
   * fragment (where receivers put their tokens).
   */
  public static String redacted(String url) {
    if (url == null) {
      return "(none)";
    }
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(a malformed URL)";
      }
      return uri.getScheme()
          + "://"
          + uri.getHost()
          + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
          + (uri.getRawPath() == null ? "" : uri.getRawPath())
          + (uri.getRawQuery() == null ? "" : "?...");
    } catch (URISyntaxException e) {
      return "(a malformed URL)";
    }
  }

  /** A host whose last label starts with a digit but is not a dotted quad: a number in disguise. */
  static boolean ambiguousNumber(String host) {
    if (host.contains(":")) {
      return false; // an IPv6 literal
    }
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String last = h.substring(h.lastIndexOf('.') + 1);
    return !last.isEmpty()
        && Character.isDigit(last.charAt(0))
        && !DOTTED_QUAD.matcher(h).matches();
  }

  @Override
  public String toString() {
    return redacted(url.toString()) + " at " + address.getHostAddress();
  }
}
