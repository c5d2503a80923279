package io.voxhost.platform.node;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a task on request, on an executor of one thread: requests made while a run waits to start
 * are that run, and requests made during a run give exactly one more after it. So a burst of
 * requests neither queues up nor is lost: the last request is always followed by a whole run.
 *
 * <p>Only a shut-down executor drops a request. A request the executor refuses otherwise (its queue
 * full) during a run stays pending, and the run, when it ends, runs once more on its own thread.
 */
final class CoalescedRuns {

  private final ExecutorService executor;
  private final Runnable task;

  /** A run is queued, or a refused request waits for the current run to end. */
  private boolean waiting;

  /** A run is in progress. */
  private boolean running;

  /** A request was refused during a run: that run goes once more when it ends. */
  private boolean again;

  /**
   * @param executor one thread, so that runs never overlap; a queue of one is enough
   */
  CoalescedRuns(ExecutorService executor, Runnable task) {
    this.executor = executor;
    this.task = task;
  }

  /** Asks for a run; returns at once (safe on a signal thread: it only takes a short lock). */
  synchronized void request() {
    if (waiting) {
      return; // a run is already waiting to start, and will see what this request is about
    }
    waiting = true;
    try {
      executor.execute(this::run);
    } catch (RejectedExecutionException e) {
      if (executor.isShutdown() || !running) {
        // Shut down: dropped. Refused with none of our runs going (someone else's task filled
        // the queue): nothing will pick it up, so the next request tries again.
        waiting = false;
      } else {
        again = true;
      }
    }
  }

  private void run() {
    boolean more = true;
    while (more) {
      synchronized (this) {
        waiting = false;
        again = false;
        running = true;
      }
      try {
        task.run();
      } finally {
        synchronized (this) {
          running = false;
          more = again && !executor.isShutdown();
          if (more) {
            waiting = true; // until the loop starts the next run, requests join it
          }
        }
      }
    }
  }
}
