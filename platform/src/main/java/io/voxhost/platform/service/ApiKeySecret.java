package io.voxhost.platform.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An API key as presented by a client: {@code vx_} and 32 random bytes in unpadded base64url (43
 * characters). Its first 8 random characters form the public lookup prefix. Only a SHA-256 of the
 * whole key is stored: with 256 random bits a plain hash cannot be searched, so a slow password
 * hash would only cost CPU on every request.
 */
public final class ApiKeySecret {

  public static final String SCHEME = "vx_";
  static final int RANDOM_BYTES = 32;
  static final int PREFIX_CHARS = 8;
  private static final Pattern FORMAT = Pattern.compile("vx_[A-Za-z0-9_-]{43}");

  private final String value;

  private ApiKeySecret(String value) {
    this.value = value;
  }

  public static ApiKeySecret generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new ApiKeySecret(SCHEME + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The key if {@code presented} has the shape of one; says nothing about whether it is valid. */
  public static Optional<ApiKeySecret> parse(String presented) {
    if (presented == null || presented.length() != SCHEME.length() + 43) {
      return Optional.empty();
    }
    return FORMAT.matcher(presented).matches()
        ? Optional.of(new ApiKeySecret(presented))
        : Optional.empty();
  }

  /** The whole key: shown once to its owner, never logged. */
  public String reveal() {
    return value;
  }

  public String prefix() {
    return value.substring(0, SCHEME.length() + PREFIX_CHARS);
  }

  public byte[] hash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The hash as the key of this node's memory of verified keys. */
  KeyDigest digest() {
    return KeyDigest.of(hash());
  }

  /** Compares in constant time so response timing tells nothing about the stored hash. */
  public boolean matches(byte[] storedHash) {
    return MessageDigest.isEqual(hash(), storedHash);
  }

  @Override
  public String toString() {
    return prefix() + "…";
  }
}
