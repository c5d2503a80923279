package io.voxhost.platform.node;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a task on request, on an executor of one thread: requests made while a run waits to start
 * are that run, and requests made during a run give exactly one more after it. So a burst of
 * requests neither queues up nor is lost: the last request is always followed by a whole run.
 */
final class CoalescedRuns {

  private final Executor executor;
  private final Runnable task;
  private final AtomicBoolean waiting = new AtomicBoolean();

  /**
   * @param executor one thread, so that runs never overlap; a queue of one is enough
   */
  CoalescedRuns(Executor executor, Runnable task) {
    this.executor = executor;
    this.task = task;
  }

  /** Asks for a run; returns at once (safe on a signal thread). */
  void request() {
    if (!waiting.compareAndSet(false, true)) {
      return; // a run is already waiting to start, and will see what this request is about
    }
    try {
      executor.execute(this::run);
    } catch (RejectedExecutionException e) {
      waiting.set(false); // shut down
    }
  }

  private void run() {
    waiting.set(false);
    task.run();
  }
}
