package io.voxhost.platform.concurrent;

import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Work a role repeats in the background (a sweep, a flush). A run that fails puts the next one off,
 * twice as long each time up to {@code maxDelay}, so that an absent database is asked less and less
 * often rather than flooded; the first run that succeeds brings the interval back. Every failed run
 * is counted as {@code voxhost_<role>_background_failures_total{work=<name>}}.
 */
public final class RepeatingWork {

  private static final Logger LOG = Logger.getLogger(RepeatingWork.class);

  private final ScheduledExecutorService timer;
  private final String name;
  private final long everyMillis;
  private final long maxDelayMillis;
  private final Runnable work;
  private final Counter failures;
  private final AtomicLong failedInARow = new AtomicLong();
  private volatile boolean cancelled;
  private volatile ScheduledFuture<?> next;
  private volatile Runnable afterCancel = () -> {};

  RepeatingWork(
      ScheduledExecutorService timer,
      String name,
      Duration every,
      Duration maxDelay,
      Runnable work,
      Counter failures) {
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException(name + ": the interval must be positive");
    }
    this.timer = timer;
    this.name = name;
    this.everyMillis = every.toMillis();
    this.maxDelayMillis = Math.max(everyMillis, maxDelay.toMillis());
    this.work = work;
    this.failures = failures;
  }

  /** Runs the work one interval from now, and then again and again until {@link #cancel}. */
  public RepeatingWork start() {
    schedule(everyMillis);
    return this;
  }

  /** No run starts after this; one that is running finishes. */
  public void cancel() {
    cancelled = true;
    ScheduledFuture<?> f = next;
    if (f != null) {
      f.cancel(false);
    }
    afterCancel.run();
  }

  /** Runs {@code then} when the work is cancelled (a timer of its own to shut down). */
  RepeatingWork whenCancelled(Runnable then) {
    this.afterCancel = then;
    return this;
  }

  /** Failed runs since the last one that succeeded. */
  public long failedInARow() {
    return failedInARow.get();
  }

  private void runOnce() {
    if (cancelled) {
      return;
    }
    try {
      work.run();
      if (failedInARow.getAndSet(0) > 0) {
        LOG.infof("%s runs again", name);
      }
    } catch (RuntimeException e) {
      failures.increment();
      long n = failedInARow.incrementAndGet();
      if (n == 1) {
        LOG.warnf("%s failed, backing off: %s", name, e.toString());
      } else {
        LOG.debugf("%s failed again (%d in a row): %s", name, n, e.toString());
      }
    } finally {
      if (!cancelled) {
        schedule(delayAfter(failedInARow.get()));
      }
    }
  }

  /** The interval, doubled per failure in a row, capped, with a little jitter once failing. */
  long delayAfter(long failed) {
    if (failed == 0) {
      return everyMillis;
    }
    long delay = everyMillis << Math.min(failed, 20);
    delay = delay <= 0 ? maxDelayMillis : Math.min(delay, maxDelayMillis);
    return delay - ThreadLocalRandom.current().nextLong(delay / 10 + 1);
  }

  private void schedule(long delayMillis) {
    try {
      next = timer.schedule(this::runOnce, delayMillis, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      cancelled = true; // the timer was shut down: the role is stopping
    }
  }
}
