package io.voxhost.platform.concurrent;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A worker pool that shows {@link Liveness} its progress: the tasks it finished and since when each
 * busy worker has been on its current task. See {@link Liveness} for the rule that judges it.
 */
final class WatchedPool extends ThreadPoolExecutor implements Liveness.Sign {

  private final Liveness clock;
  private final Map<Thread, Long> busySince = new ConcurrentHashMap<>();
  private final LongAdder finished = new LongAdder();
  private long finishedAtLastCheck;

  WatchedPool(
      int threads,
      long idleSeconds,
      BlockingQueue<Runnable> queue,
      ThreadFactory factory,
      Liveness clock) {
    super(
        threads,
        threads,
        idleSeconds,
        TimeUnit.SECONDS,
        queue,
        factory,
        new ThreadPoolExecutor.AbortPolicy());
    this.clock = clock;
  }

  @Override
  protected void beforeExecute(Thread worker, Runnable task) {
    busySince.put(worker, clock.now());
    super.beforeExecute(worker, task);
  }

  @Override
  protected void afterExecute(Runnable task, Throwable failure) {
    super.afterExecute(task, failure);
    busySince.remove(Thread.currentThread());
    finished.increment();
  }

  @Override
  public synchronized boolean alive(long lastCheck, long now) {
    long done = finished.sum();
    boolean progressed = done != finishedAtLastCheck;
    finishedAtLastCheck = done;
    if (progressed || busySince.isEmpty()) {
      return true;
    }
    long oldest = Long.MAX_VALUE;
    for (long since : busySince.values()) {
      if (since - lastCheck >= 0) {
        return true; // a worker took up a task within this interval: the pool turns
      }
      oldest = Math.min(oldest, since);
    }
    // Nothing finished for a whole interval, every busy worker on one task since before it.
    return getQueue().isEmpty() && now - oldest < clock.longestTask();
  }
}
