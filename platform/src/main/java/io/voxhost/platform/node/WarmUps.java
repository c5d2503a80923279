package io.voxhost.platform.node;

import io.voxhost.platform.concurrent.RoleThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.jboss.logging.Logger;

/**
 * The roles' warm-ups: made-up work that gets the JIT to compile a protocol's path before real
 * traffic comes. They run one at a time on one thread, and only once the node serves ({@link
 * NodeServing}): run while the node started, or side by side, they took both cores and slowed the
 * start and its first health checks.
 */
@ApplicationScoped
public class WarmUps {

  private static final Logger LOG = Logger.getLogger(WarmUps.class);

  /** Warm-ups waiting at most: one per role that has one, and a restart or two. */
  private static final int QUEUE = 16;

  private final RoleThreads threads;
  private final List<WarmUp> waiting = new ArrayList<>();
  private ThreadPoolExecutor runner;
  private boolean serving;

  WarmUps(RoleThreads threads) {
    this.threads = threads;
  }

  /** A warm-up handed in: cancel it when its role stops. */
  public final class WarmUp {
    private final String name;
    private final Runnable work;
    private Future<?> running;
    private boolean cancelled;

    private WarmUp(String name, Runnable work) {
      this.name = name;
      this.work = work;
    }

    /** Takes it off the queue, or interrupts it if it runs; the work must stop when interrupted. */
    public void cancel() {
      synchronized (WarmUps.this) {
        cancelled = true;
        waiting.remove(this);
        if (running != null) {
          running.cancel(true);
        }
      }
    }
  }

  /** Runs {@code work} once the node serves, after the warm-ups handed in before it. */
  public synchronized WarmUp submit(String name, Runnable work) {
    WarmUp warmUp = new WarmUp(name, work);
    if (serving) {
      start(warmUp);
    } else {
      waiting.add(warmUp);
    }
    return warmUp;
  }

  synchronized void nodeServing(@Observes NodeServing event) {
    serving = true;
    for (WarmUp w : waiting) {
      start(w);
    }
    waiting.clear();
  }

  private void start(WarmUp warmUp) {
    if (warmUp.cancelled) {
      return;
    }
    if (runner == null) {
      runner = threads.unwatchedPool("node", "warm-ups", 1, QUEUE);
    }
    try {
      warmUp.running = runner.submit(warmUp.work);
    } catch (RejectedExecutionException e) {
      LOG.debugf("Warm-up %s skipped: %d already waiting", warmUp.name, QUEUE);
    }
  }

  @PreDestroy
  synchronized void stop() {
    waiting.clear();
    if (runner != null) {
      runner.shutdownNow();
    }
  }
}
