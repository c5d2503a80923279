package io.voxhost.recording.service;

/** The key that signs download links, one for every node. */
public interface SigningKeyStore {

  /** The stored key, or {@code fresh} stored now if there was none. */
  byte[] keyOr(byte[] fresh);
}
