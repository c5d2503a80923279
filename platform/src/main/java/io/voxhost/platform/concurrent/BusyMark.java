package io.voxhost.platform.concurrent;

/**
 * What a dedicated thread tells {@link Liveness} about the work in its hands: {@link #busy()} when
 * it takes up one unit (a datagram read), {@link #idle()} when it is done and goes back to waiting.
 * A thread busy on one unit since before the last check counts as stuck; one waiting (in a blocking
 * receive, say) counts as alive. Only the thread it was made for calls it.
 */
public final class BusyMark {

  private static final long IDLE = Long.MIN_VALUE;

  private final Liveness clock;
  private volatile long busySince = IDLE;

  BusyMark(Liveness clock) {
    this.clock = clock;
  }

  /** The thread takes up one unit of work. */
  public void busy() {
    long now = clock.now();
    busySince = now == IDLE ? now + 1 : now;
  }

  /** The thread is done with it and waits for the next. */
  public void idle() {
    busySince = IDLE;
  }

  /** Whether the thread has not been on one unit since before {@code lastCheck}. */
  boolean turning(long lastCheck) {
    long since = busySince;
    return since == IDLE || since - lastCheck >= 0;
  }
}
