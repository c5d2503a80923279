package io.voxhost.recording.service;

/** The key that signs download links, one for every node. */
public interface SigningKeyStore {

  /** The stored key, made now if there was none. */
  byte[] key();
}
