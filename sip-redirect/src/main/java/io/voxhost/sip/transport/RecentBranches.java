package io.voxhost.sip.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The branches of INVITEs answered lately, so that a CANCEL can be matched (RFC 3261 9.2). Two
 * generations of a plain map, swapped every {@code generationMillis}: a branch is remembered for
 * one to two generations at the cost of one map insert, with no per-entry expiry bookkeeping on the
 * request path. A generation holds at most {@code maxPerGeneration} branches; beyond that a CANCEL
 * may get 481 instead of 200, which only tells the caller the INVITE is already answered.
 */
final class RecentBranches {

  private final long generationNanos;
  private final int maxPerGeneration;
  private volatile Map<String, Boolean> current = new ConcurrentHashMap<>();
  private volatile Map<String, Boolean> previous = new ConcurrentHashMap<>();
  private volatile long generationStart = System.nanoTime();

  RecentBranches(long generationMillis, int maxPerGeneration) {
    this.generationNanos = generationMillis * 1_000_000L;
    this.maxPerGeneration = maxPerGeneration;
  }

  void add(String branch) {
    rotateIfDue();
    Map<String, Boolean> now = current;
    if (now.size() < maxPerGeneration) {
      now.put(branch, Boolean.TRUE);
    }
  }

  boolean contains(String branch) {
    rotateIfDue();
    return current.containsKey(branch) || previous.containsKey(branch);
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
