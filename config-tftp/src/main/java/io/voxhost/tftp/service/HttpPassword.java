package io.voxhost.tftp.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A device's HTTP provisioning password as stored: {@code sha256$salt$hash}. These are machine
 * secrets typed once into a phone's boot settings, checked on every fetch of a boot storm, so a
 * fast salted hash (as for API keys) rather than a slow password hash.
 */
final class HttpPassword {

  private static final SecureRandom RANDOM = new SecureRandom();

  private HttpPassword() {}

  static String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String saltHex = HexFormat.of().formatHex(salt);
    return "sha256$" + saltHex + "$" + digest(saltHex, password);
  }

  static boolean matches(String stored, String password) {
    if (stored == null || password == null) {
      return false;
    }
    String[] parts = stored.split("\\$");
    if (parts.length != 3 || !parts[0].equals("sha256")) {
      return false;
    }
    return MessageDigest.isEqual(
        parts[2].getBytes(StandardCharsets.US_ASCII),
        digest(parts[1], password).getBytes(StandardCharsets.US_ASCII));
  }

  private static String digest(String salt, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
