package io.voxhost.cti.service;

/**
 * What a call of a queue is held to: answered (or, for SL2, abandoned) within {@code
 * serviceLevelMs} meets the service level; abandoned sooner than {@code shortAbandonMs} is a short
 * abandon, reported apart.
 */
public record QueueTarget(int serviceLevelMs, int shortAbandonMs) {

  public static final int MIN_SERVICE_LEVEL_MS = 1_000;
  public static final int MAX_SERVICE_LEVEL_MS = 3_600_000;
  public static final int MAX_SHORT_ABANDON_MS = 600_000;

  /** Whether both are within what a target may be. */
  public boolean valid() {
    return serviceLevelMs >= MIN_SERVICE_LEVEL_MS
        && serviceLevelMs <= MAX_SERVICE_LEVEL_MS
        && shortAbandonMs >= 0
        && shortAbandonMs <= MAX_SHORT_ABANDON_MS;
  }
}
