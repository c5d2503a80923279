package io.voxhost.platform.concurrent;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The work loops of the node that must keep turning: worker pools, timers, event loops, dedicated
 * threads, the database pool. {@link RoleThreads} and {@link RoleEventLoops} register what they
 * create; other loops register themselves. Each {@link #check()} (one a watchdog interval) names
 * the loops that did not prove alive since the check before, and the systemd watchdog withholds its
 * ping. A loop proves alive in the way that suits it:
 *
 * <ul>
 *   <li><b>Worker pools</b> ({@link RoleThreads#pool}) by progress, never by a queued probe (a
 *       probe behind a long queue, or refused by a full one, says the pool is busy, not stuck). A
 *       pool is alive when it finished a task since the last check, or a worker started its current
 *       task since then, or no worker is busy. It is stuck only when it finished nothing for a
 *       whole interval and every busy worker has been on one task since before the last check, and
 *       either work waits in its queue or a task has run longer than {@link #DEFAULT_LONGEST_TASK}
 *       (a hang with no new work coming). A pool that completes tasks is never stuck, however full
 *       its queue; a worker on one long task while the others turn is lost capacity, not a hang.
 *   <li><b>Dedicated threads</b> ({@link RoleThreads#watchThread}), such as the SIP readers: alive
 *       while the thread runs and is not busy on one unit of work (a datagram) since before the
 *       last check; waiting in a blocking receive is alive.
 *   <li><b>Event loops and timers</b> by a no-op probe task: the probe posted at one check must
 *       have run by the next. Their task queues are unbounded and their tasks short by contract, so
 *       a probe that waits a whole interval means a loop blocked in one task. A refused probe (a
 *       loop shutting down) never counts as stuck.
 * </ul>
 */
@ApplicationScoped
public class Liveness {

  /**
   * How long one task of a pool may run, with nothing else finishing, before the pool counts as
   * stuck although no work waits behind it: far above any task of ours (an assembly takes seconds),
   * and moot under traffic, where work waiting behind a hung pool shows it within an interval.
   */
  public static final Duration DEFAULT_LONGEST_TASK = Duration.ofMinutes(5);

  private final Map<String, Loop> loops = new ConcurrentSkipListMap<>();
  private final LongSupplier nanos;
  private final long longestTask;

  public Liveness() {
    this(System::nanoTime, DEFAULT_LONGEST_TASK);
  }

  /**
   * @param nanos the clock the checks and the busy marks read, in nanoseconds (tests drive one)
   * @param longestTask see {@link #DEFAULT_LONGEST_TASK}
   */
  public Liveness(LongSupplier nanos, Duration longestTask) {
    this.nanos = nanos;
    this.longestTask = longestTask.toNanos();
  }

  /**
   * Watches {@code loop} under {@code name} by probe until {@code retired} says it ended on purpose
   * (its executor shut down, its role drained). A probe is a {@link Runnable} handed to {@code
   * loop}: an executor runs it as a task; a check of another kind runs it at once when the loop is
   * fine. Meant for loops whose queue is unbounded and whose tasks are short (event loops, timers).
   */
  public void register(String name, Executor loop, BooleanSupplier retired) {
    watch(name, new Probed(loop), retired);
  }

  /** Watches by {@code sign}, asked once a check. */
  void watch(String name, Sign sign, BooleanSupplier retired) {
    loops.put(name, new Loop(sign, retired, nanos.getAsLong()));
  }

  /** Stops watching {@code name}. */
  public void forget(String name) {
    loops.remove(name);
  }

  /**
   * The loops that did not prove alive since the last check, in name order. The first check after a
   * loop registered finds it fine.
   */
  public List<String> check() {
    long now = nanos.getAsLong();
    List<String> stuck = new ArrayList<>();
    loops.forEach(
        (name, loop) -> {
          if (loop.retired.getAsBoolean()) {
            loops.remove(name, loop);
          } else if (!loop.check(now)) {
            stuck.add(name);
          }
        });
    return stuck;
  }

  /** The names watched now. */
  public List<String> watched() {
    return List.copyOf(loops.keySet());
  }

  long now() {
    return nanos.getAsLong();
  }

  long longestTask() {
    return longestTask;
  }

  /** How one loop proves alive. */
  interface Sign {
    /**
     * Whether the loop proved alive between {@code lastCheck} and {@code now} (clock of {@link
     * Liveness}).
     */
    boolean alive(long lastCheck, long now);
  }

  private static final class Loop {
    private final Sign sign;
    private final BooleanSupplier retired;
    private long lastCheck;

    Loop(Sign sign, BooleanSupplier retired, long registered) {
      this.sign = sign;
      this.retired = retired;
      this.lastCheck = registered;
    }

    synchronized boolean check(long now) {
      boolean alive = sign.alive(lastCheck, now);
      lastCheck = now;
      return alive;
    }
  }

  /** A loop that proves alive by running the probe posted at the last check. */
  private static final class Probed implements Sign {
    private final Executor executor;
    private Probe last;

    Probed(Executor executor) {
      this.executor = executor;
    }

    @Override
    public synchronized boolean alive(long lastCheck, long now) {
      Probe previous = last;
      if (previous != null && !previous.ran) {
        return false; // posted an interval ago and still waiting: the loop is blocked
      }
      Probe next = new Probe();
      try {
        executor.execute(next);
        last = next;
      } catch (RejectedExecutionException e) {
        // Refused (shutting down, or a queue of its own that is full): nothing proven either
        // way, and a busy loop is not a stuck one. The next check posts again.
        last = null;
      }
      return true;
    }
  }

  private static final class Probe implements Runnable {
    private volatile boolean ran;

    @Override
    public void run() {
      ran = true;
    }
  }
}
