package io.voxhost.platform.service;

/** What this node's memory says about a presented API key, found without waiting. */
public sealed interface KeyCheck {

  /** A live key, read from the database within {@code voxhost.auth.key-cache-ttl}. */
  record Valid(KeyOwner owner) implements KeyCheck {}

  /** Not a key: malformed, or revoked when last read. */
  record Invalid() implements KeyCheck {}

  /**
   * Not in memory, or read longer ago than the TTL: only {@link ApiKeyService#authenticate}, a
   * blocking call, can tell.
   */
  record Unknown() implements KeyCheck {}
}
