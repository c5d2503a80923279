package io.voxhost.sip.transport;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Keys seen lately, held as 64-bit fingerprints with a long value each, in two generations of
 * open-addressing tables of primitives that swap every {@code generationMillis}: an entry lives one
 * to two generations. Nothing is allocated per entry. A map of strings kept for seconds at
 * thousands of requests a second is what every young collection had to copy and what piled up in
 * the old generation until a full collection; these arrays are allocated once.
 *
 * <p>Fingerprints are seeded per process, so a sender cannot aim one at someone else's key without
 * knowing that key. Two keys can still share a fingerprint by chance; callers that must not confuse
 * them keep the key elsewhere and compare it.
 */
final class RecentFingerprints {

  /** What {@link #putIfAbsent} returns for a key it did not know. */
  static final long ABSENT = Long.MIN_VALUE;

  private final long generationNanos;
  private final int maxPerGeneration;
  private final long seed = ThreadLocalRandom.current().nextLong();
  private final int mask;
  private long[] currentKeys;
  private long[] currentValues;
  private long[] previousKeys;
  private long[] previousValues;
  private int currentSize;
  private final LongSupplier nanoClock;
  private long generationStart;

  RecentFingerprints(long generationMillis, int maxPerGeneration) {
    this(generationMillis, maxPerGeneration, System::nanoTime);
  }

  /**
   * @param nanoClock a monotonic clock in nanoseconds ({@link System#nanoTime} but in tests)
   */
  RecentFingerprints(long generationMillis, int maxPerGeneration, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.generationStart = nanoClock.getAsLong();
    this.generationNanos = generationMillis * 1_000_000L;
    this.maxPerGeneration = maxPerGeneration;
    // At most half full, so that a probe ends soon.
    int slots = Integer.highestOneBit(Math.max(16, maxPerGeneration) * 2 - 1) << 1;
    this.mask = slots - 1;
    this.currentKeys = new long[slots];
    this.currentValues = new long[slots];
    this.previousKeys = new long[slots];
    this.previousValues = new long[slots];
  }

  /** The fingerprint of {@code key}: never 0, which marks an empty slot. */
  long fingerprint(String key) {
    long h = seed;
    for (int i = 0; i < key.length(); i++) {
      h = (h ^ key.charAt(i)) * 0x100000001b3L;
    }
    // The finaliser of MurmurHash3, so that every input bit reaches the slot index.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h;
  }

  /**
   * Keeps {@code value} for {@code fingerprint} unless it is known; returns the value already
   * known, or {@link #ABSENT}. A full generation keeps nothing more until it swaps.
   */
  synchronized long putIfAbsent(long fingerprint, long value) {
    rotateIfDue();
    int previous = find(previousKeys, fingerprint);
    if (previousKeys[previous] == fingerprint) {
      return previousValues[previous];
    }
    int slot = find(currentKeys, fingerprint);
    if (currentKeys[slot] == fingerprint) {
      return currentValues[slot];
    }
    if (currentSize < maxPerGeneration) {
      currentKeys[slot] = fingerprint;
      currentValues[slot] = value;
      currentSize++;
    }
    return ABSENT;
  }

  /** Sets the value of a fingerprint in whichever generation holds it, or keeps it anew. */
  synchronized void put(long fingerprint, long value) {
    rotateIfDue();
    int previous = find(previousKeys, fingerprint);
    if (previousKeys[previous] == fingerprint) {
      previousValues[previous] = value;
      return;
    }
    int slot = find(currentKeys, fingerprint);
    if (currentKeys[slot] == fingerprint) {
      currentValues[slot] = value;
    } else if (currentSize < maxPerGeneration) {
      currentKeys[slot] = fingerprint;
      currentValues[slot] = value;
      currentSize++;
    }
  }

  synchronized boolean contains(long fingerprint) {
    rotateIfDue();
    return previousKeys[find(previousKeys, fingerprint)] == fingerprint
        || currentKeys[find(currentKeys, fingerprint)] == fingerprint;
  }

  /** The slot holding {@code fingerprint}, or the empty slot where it would go. */
  private int find(long[] keys, long fingerprint) {
    int slot = (int) (fingerprint ^ (fingerprint >>> 32)) & mask;
    while (keys[slot] != 0 && keys[slot] != fingerprint) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void rotateIfDue() {
    long now = nanoClock.getAsLong();
    if (now - generationStart < generationNanos) {
      return;
    }
    long[] keys = previousKeys;
    long[] values = previousValues;
    previousKeys = currentKeys;
    previousValues = currentValues;
    Arrays.fill(keys, 0);
    if (now - generationStart >= 2 * generationNanos) {
      Arrays.fill(previousKeys, 0); // idle for two generations: all of it is too old
    }
    currentKeys = keys;
    currentValues = values;
    currentSize = 0;
    generationStart = now;
  }
}
