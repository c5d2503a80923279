package io.voxhost.platform.service;

import java.nio.ByteBuffer;

/**
 * The SHA-256 of an API key's whole text, as four longs: what the database stores, and what the
 * node's memory of verified keys is keyed by, so the secret itself is never held past the request
 * that presented it. Four longs compare and hash without copying an array.
 */
record KeyDigest(long w0, long w1, long w2, long w3) {

  static KeyDigest of(byte[] sha256) {
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
    }
    ByteBuffer words = ByteBuffer.wrap(sha256);
    return new KeyDigest(words.getLong(), words.getLong(), words.getLong(), words.getLong());
  }

  @Override
  public String toString() {
    return "KeyDigest[…]"; // a digest of a live key is as good as a password hash: keep it out of
    // logs
  }
}
