package io.voxhost.platform.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perKey} things in use at once for each key (a tenant's dips in flight, its reads
 * waiting): the per-tenant bound beside a node-wide one, so one tenant cannot take all of a shared
 * pool. A key holding nothing takes no memory.
 *
 * @param <K> what slots are counted by
 */
public final class KeyedSlots<K> {

  private final int perKey;
  private final Map<K, Integer> held = new ConcurrentHashMap<>();

  public KeyedSlots(int perKey) {
    if (perKey < 1) {
      throw new IllegalArgumentException("at least one slot per key, not " + perKey);
    }
    this.perKey = perKey;
  }

  /** Takes a slot of {@code key}; false, taking nothing, when all of its slots are in use. */
  public boolean tryTake(K key) {
    return tryTake(key, 1);
  }

  /**
   * Takes {@code count} slots of {@code key} at once (a batch of events, each one slot); false,
   * taking nothing, when fewer are free.
   */
  public boolean tryTake(K key, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("take at least one slot, not " + count);
    }
    boolean[] taken = {false};
    held.compute(
        key,
        (k, n) -> {
          int now = n == null ? 0 : n;
          if (count > perKey - now) {
            return n;
          }
          taken[0] = true;
          return now + count;
        });
    return taken[0];
  }

  /** Gives back a slot {@link #tryTake} took. */
  public void give(K key) {
    give(key, 1);
  }

  /** Gives back {@code count} slots {@link #tryTake(Object, int)} took. */
  public void give(K key, int count) {
    held.computeIfPresent(key, (k, n) -> n <= count ? null : n - count);
  }

  /** Slots of {@code key} in use now. */
  public int held(K key) {
    return held.getOrDefault(key, 0);
  }

  public int perKey() {
    return perKey;
  }
}
