package io.voxhost.phones.codec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate: Digest ...} challenge (RFC 3261 section 22.4, RFC 7616 and RFC 8760
 * for SHA-256): its realm, nonce, algorithm, qop and opaque.
 */
public record DigestChallenge(
    String realm, String nonce, String algorithm, Optional<String> qop, Optional<String> opaque) {

  /** The challenge in a header's value; empty when it is no Digest challenge we can answer. */
  public static Optional<DigestChallenge> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip();
    if (!v.regionMatches(true, 0, "Digest", 0, 6) || v.length() < 7) {
      return Optional.empty();
    }
    Map<String, String> params = params(v.substring(6));
    String realm = params.get("realm");
    String nonce = params.get("nonce");
    if (realm == null || nonce == null) {
      return Optional.empty();
    }
    String algorithm = params.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    if (!algorithm.equals("MD5") && !algorithm.equals("SHA-256")) {
      return Optional.empty();
    }
    Optional<String> qop = Optional.empty();
    String qops = params.get("qop");
    if (qops != null) {
      for (String q : qops.split(",")) {
        if (q.strip().equalsIgnoreCase("auth")) {
          qop = Optional.of("auth");
        }
      }
    }
    return Optional.of(
        new DigestChallenge(
            realm, nonce, algorithm, qop, Optional.ofNullable(params.get("opaque"))));
  }

  /** {@code name=value, name="quoted, value"}: names lower-cased, quotes and escapes undone. */
  static Map<String, String> params(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
        i++;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      while (i < n && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && text.charAt(i) == '"') {
        i++;
        while (i < n && text.charAt(i) != '"') {
          char c = text.charAt(i++);
          if (c == '\\' && i < n) {
            c = text.charAt(i++);
          }
          value.append(c);
        }
        i++;
      } else {
        while (i < n && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      out.putIfAbsent(name, value.toString().strip());
    }
    return out;
  }
}
