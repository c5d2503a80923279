package io.voxhost.sip.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map that forgets: two generations of a plain concurrent map, swapped every {@code
 * generationMillis}, so an entry lives one to two generations at the cost of one map insert and no
 * per-entry expiry bookkeeping on the request path. A generation holds at most {@code
 * maxPerGeneration} entries; past that, new entries are not kept.
 */
final class TwoGenerationMap<V> {

  private final long generationNanos;
  private final int maxPerGeneration;
  private volatile Map<String, V> current = new ConcurrentHashMap<>();
  private volatile Map<String, V> previous = new ConcurrentHashMap<>();
  private volatile long generationStart = System.nanoTime();

  TwoGenerationMap(long generationMillis, int maxPerGeneration) {
    this.generationNanos = generationMillis * 1_000_000L;
    this.maxPerGeneration = maxPerGeneration;
  }

  /** Keeps {@code value} unless the key is known; returns the value already known, or null. */
  V putIfAbsent(String key, V value) {
    rotateIfDue();
    V old = previous.get(key);
    if (old != null) {
      return old;
    }
    Map<String, V> now = current;
    if (now.size() >= maxPerGeneration) {
      return now.get(key);
    }
    return now.putIfAbsent(key, value);
  }

  /** Replaces the value of a key kept by {@link #putIfAbsent}, in whichever generation holds it. */
  void replace(String key, V value) {
    if (current.replace(key, value) == null) {
      previous.replace(key, value);
    }
  }

  boolean contains(String key) {
    rotateIfDue();
    return current.containsKey(key) || previous.containsKey(key);
  }

  private void rotateIfDue() {
    long now = System.nanoTime();
    if (now - generationStart < generationNanos) {
      return;
    }
    synchronized (this) {
      if (now - generationStart >= generationNanos) {
        previous = current;
        current = new ConcurrentHashMap<>();
        generationStart = now;
      }
    }
  }
}
