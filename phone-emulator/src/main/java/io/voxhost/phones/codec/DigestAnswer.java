package io.voxhost.phones.codec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The {@code Authorization} header that answers a digest challenge (RFC 7616, RFC 8760). */
public final class DigestAnswer {

  private DigestAnswer() {}

  /**
   * The header's value for {@code method} of {@code uri} by {@code user}.
   *
   * @param cnonce the client nonce, used when the challenge offers qop=auth
   * @param nc how many times this nonce was used, from 1
   */
  public static String authorization(
      DigestChallenge c,
      String user,
      String password,
      String method,
      String uri,
      String cnonce,
      int nc) {
    String ha1 = hash(c.algorithm(), user + ":" + c.realm() + ":" + password);
    String ha2 = hash(c.algorithm(), method + ":" + uri);
    String count = String.format("%08x", nc);
    String response =
        c.qop().isPresent()
            ? hash(
                c.algorithm(), ha1 + ":" + c.nonce() + ":" + count + ":" + cnonce + ":auth:" + ha2)
            : hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + ha2);
    StringBuilder h =
        new StringBuilder("Digest username=\"")
            .append(user)
            .append("\", realm=\"")
            .append(c.realm())
            .append("\", nonce=\"")
            .append(c.nonce())
            .append("\", uri=\"")
            .append(uri)
            .append("\", response=\"")
            .append(response)
            .append("\", algorithm=")
            .append(c.algorithm());
    if (c.qop().isPresent()) {
      h.append(", qop=auth, nc=").append(count).append(", cnonce=\"").append(cnonce).append('"');
    }
    c.opaque().ifPresent(o -> h.append(", opaque=\"").append(o).append('"'));
    return h.toString();
  }

  static String hash(String algorithm, String text) {
    try {
      MessageDigest d = MessageDigest.getInstance(algorithm.equals("MD5") ? "MD5" : "SHA-256");
      return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
