package io.voxhost.recording.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.LongSupplier;

/**
 * Arrival times in microseconds since the epoch, from the monotonic clock: the legs of a call are
 * aligned on these, so a wall-clock step during a call must not move one leg against the other.
 * Read once at start, so times written before a crash and after a restart still compare. One bean,
 * so that capture, its idle and length limits, and a test that moves time all read the same clock.
 */
@ApplicationScoped
public class CaptureClock {

  private final LongSupplier nanoTime;
  private final long epochMicrosAtStart;
  private final long nanosAtStart;

  CaptureClock() {
    this(System::nanoTime);
  }

  /** A clock on another monotonic source of nanoseconds: tests move theirs instead of waiting. */
  public CaptureClock(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.epochMicrosAtStart = System.currentTimeMillis() * 1000;
    this.nanosAtStart = nanoTime.getAsLong();
  }

  public long nowMicros() {
    return epochMicrosAtStart + (nanoTime.getAsLong() - nanosAtStart) / 1000;
  }
}
