package io.voxhost.sip.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The digest algorithms we offer (RFC 8760): SHA-256 first, MD5 for older phones. */
public enum DigestAlgorithm {
  SHA_256("SHA-256", "SHA-256"),
  MD5("MD5", "MD5");

  private final String token;
  private final String jcaName;

  DigestAlgorithm(String token, String jcaName) {
    this.token = token;
    this.jcaName = jcaName;
  }

  /** The name in the {@code algorithm} parameter. */
  public String token() {
    return token;
  }

  /** Lower-case hex of the hash of {@code text} in UTF-8. */
  public String hash(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance(jcaName);
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jcaName + " is missing from this JVM", e);
    }
  }

  /** HA1 of RFC 7616: H(username ":" realm ":" password). */
  public String ha1(String username, String realm, String password) {
    return hash(username + ":" + realm + ":" + password);
  }

  /** The algorithm an Authorization header names; absent means MD5 (RFC 2617). */
  public static Optional<DigestAlgorithm> fromToken(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.of(MD5);
    }
    String upper = token.toUpperCase(Locale.ROOT);
    for (DigestAlgorithm a : values()) {
      if (a.token.equals(upper)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
