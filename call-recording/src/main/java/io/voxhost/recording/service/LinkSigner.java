package io.voxhost.recording.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Short-lived download links: HMAC-SHA256 over the recording's id, the mix asked for and the
 * expiry, with a 256-bit key made once per database and shared by its nodes, so a link made on one
 * node works on all. A link names one recording and one mix, and nothing else.
 */
@ApplicationScoped
public class LinkSigner {

  private final DataSource dataSource;
  private volatile byte[] key;

  LinkSigner(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Reads the key, making it if this database has none. */
  public void start() throws SQLException {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO recording.signing_key (id, secret, created_at) VALUES (1, ?, ?)"
                  + " ON CONFLICT (id) DO NOTHING")) {
        ps.setBytes(1, fresh);
        ps.setTimestamp(2, Timestamp.from(Instant.now()));
        ps.executeUpdate();
      }
      try (PreparedStatement ps =
              c.prepareStatement("SELECT secret FROM recording.signing_key WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        key = rs.getBytes(1);
      }
    }
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
