package io.voxhost.recording.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived download links: HMAC-SHA256 over the recording's id, the mix asked for and the
 * expiry, with a 256-bit key made once per database and shared by its nodes, so a link made on one
 * node works on all. A link names one recording and one mix, and nothing else.
 */
@ApplicationScoped
public class LinkSigner {

  private final SigningKeyStore keys;
  private volatile byte[] key;

  LinkSigner(SigningKeyStore keys) {
    this.keys = keys;
  }

  /** Reads the key, making it if this database has none. */
  public void start() {
    key = keys.key();
  }

  public String sign(UUID recording, String mix, long expiresEpochSecond) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] tag =
          mac.doFinal(
              (recording + "|" + mix + "|" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code signature} is this node's for these values (compared in constant time). */
  public boolean valid(UUID recording, String mix, long expiresEpochSecond, String signature) {
    if (signature == null || key == null) {
      return false;
    }
    byte[] expected = sign(recording, mix, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }
}
