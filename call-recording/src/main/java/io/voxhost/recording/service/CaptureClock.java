package io.voxhost.recording.service;

/**
 * Arrival times in microseconds since the epoch, from the monotonic clock: the legs of a call are
 * aligned on these, so a wall-clock step during a call must not move one leg against the other.
 * Read once at start, so times written before a crash and after a restart still compare.
 */
public final class CaptureClock {

  private final long epochMicrosAtStart = System.currentTimeMillis() * 1000;
  private final long nanosAtStart = System.nanoTime();

  public long nowMicros() {
    return epochMicrosAtStart + (System.nanoTime() - nanosAtStart) / 1000;
  }
}
