package io.voxhost.recording.service;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finished recordings waiting for the database to take their rows ({@link EndingNotWritten}), each
 * on a timer before it goes back to the assembly workers: a second after the first try, then twice
 * as long each time up to a minute, so that an absent database is asked less and less often; a
 * little jitter keeps recordings put off together from coming back together. At most {@code room}
 * wait at once. Their masters are stored, their spools untouched and their rows {@code processing}
 * meanwhile, which is also what a crash or a stop leaves: the next start's {@link Recovery}
 * assembles them again.
 */
final class WaitingEndings {

  static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  static final Duration MAX_DELAY = Duration.ofMinutes(1);

  private final ScheduledExecutorService timer;
  private final int room;
  private final AtomicInteger waiting = new AtomicInteger();

  WaitingEndings(ScheduledExecutorService timer, int room) {
    this.timer = timer;
    this.room = room;
  }

  /**
   * Runs {@code retry} after the delay of its {@code attempt} (1 for the first retry); false when
   * it cannot wait: no room left, or the role stopping.
   */
  boolean later(Runnable retry, int attempt) {
    if (waiting.incrementAndGet() > room) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      timer.schedule(
          () -> {
            try {
              retry.run();
            } finally {
              // After the retry handed itself on (to the workers, or back here): an idle wait never
              // sees it in neither place.
              waiting.decrementAndGet();
            }
          },
          delayBefore(attempt),
          TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      waiting.decrementAndGet();
      return false;
    }
  }

  /** Recordings waiting for their next try. */
  int size() {
    return waiting.get();
  }

  /**
   * Stops the timer; returns how many recordings were waiting. They stay as they are, for the next
   * start's {@link Recovery}.
   */
  int stop() {
    int left = timer.shutdownNow().size();
    waiting.addAndGet(-left);
    return left;
  }

  /** The first delay, doubled per earlier attempt, capped, less up to a tenth. */
  static long delayBefore(int attempt) {
    long delay = FIRST_DELAY.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
    delay = Math.min(delay, MAX_DELAY.toMillis());
    return delay - ThreadLocalRandom.current().nextLong(delay / 10 + 1);
  }
}
