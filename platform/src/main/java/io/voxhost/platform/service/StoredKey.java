package io.voxhost.platform.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** A key row as cached for verification, with the last time this node recorded its use. */
final class StoredKey {

  private final UUID id;
  private final UUID tenantId;
  private final byte[] hash;
  private final boolean revoked;
  private final AtomicReference<Instant> lastTouched;

  StoredKey(UUID id, UUID tenantId, byte[] hash, boolean revoked, Instant lastUsed) {
    this.id = id;
    this.tenantId = tenantId;
    this.hash = hash.clone();
    this.revoked = revoked;
    this.lastTouched = new AtomicReference<>(lastUsed == null ? Instant.EPOCH : lastUsed);
  }

  UUID id() {
    return id;
  }

  UUID tenantId() {
    return tenantId;
  }

  byte[] hash() {
    return hash.clone();
  }

  boolean revoked() {
    return revoked;
  }

  /** True for exactly one caller per interval: that caller records the use. */
  boolean claimTouch(Instant now, Duration interval) {
    Instant previous = lastTouched.get();
    return previous.plus(interval).isBefore(now) && lastTouched.compareAndSet(previous, now);
  }
}
