package io.voxhost.platform.concurrent;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one place roles get threads from: worker pools with bounded queues, timers and dedicated
 * loops, every thread named {@code voxhost-<role>-<name>[-n]} and a daemon, and every queue shown
 * as the gauge {@code voxhost_<role>_<name>_queued_tasks}, and every pool (but an {@link
 * #unwatchedPool}) and timer watched by {@link Liveness} until it is shut down.
 */
@ApplicationScoped
public class RoleThreads {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final long IDLE_SECONDS = 60;

  private final Meters meters;
  private final Liveness liveness;

  @Inject
  public RoleThreads(Meters meters, Liveness liveness) {
    this.meters = meters;
    this.liveness = liveness;
  }

  /** Threads whose liveness nobody checks (tests of a role's parts). */
  public RoleThreads(Meters meters) {
    this(meters, new Liveness());
  }

  /**
   * A pool of {@code threads} workers with at most {@code queue} tasks waiting; beyond it {@code
   * execute} throws {@link java.util.concurrent.RejectedExecutionException}, which the caller turns
   * into its protocol's "busy" answer. Idle workers end after a minute.
   */
  public ThreadPoolExecutor pool(String role, String name, int threads, int queue) {
    check(role, name);
    if (threads < 1 || queue < 1) {
      throw new IllegalArgumentException(
          role + " " + name + ": threads and queue must be at least 1");
    }
    WatchedPool pool =
        new WatchedPool(
            threads,
            IDLE_SECONDS,
            new ArrayBlockingQueue<>(queue),
            factory(role, name, true),
            liveness);
    pool.allowCoreThreadTimeOut(true);
    watch(role, name, () -> pool.getQueue().size());
    // Judged by progress, not by a probe in its queue: see Liveness.
    liveness.watch(threadName(role, name), pool, pool::isShutdown);
    return pool;
  }

  /**
   * A pool as {@link #pool}, but not watched by {@link Liveness}: for work bounded by deadlines of
   * its own that may rightly run longer than a watchdog interval (a reload: local files, and
   * database calls with a timeout), and whose pool must keep its queue for its own tasks.
   */
  public ThreadPoolExecutor unwatchedPool(String role, String name, int threads, int queue) {
    ThreadPoolExecutor pool = pool(role, name, threads, queue);
    liveness.forget(threadName(role, name));
    return pool;
  }

  /**
   * A timer of {@code threads} threads for periodic and delayed work. Its queue holds what is
   * scheduled; the caller bounds how much it schedules (a role's few periodic sweeps, or retries
   * counted against a limit of its own).
   */
  public ScheduledThreadPoolExecutor timer(String role, String name, int threads) {
    check(role, name);
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(threads, factory(role, name, threads > 1));
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    watch(role, name, () -> timer.getQueue().size());
    liveness.register(threadName(role, name), timer, timer::isShutdown);
    return timer;
  }

  /**
   * Repeats {@code work} on {@code timer} every {@code every}, backing off up to {@code maxDelay}
   * while it fails (see {@link RepeatingWork}); call {@link RepeatingWork#start()}.
   */
  public RepeatingWork repeat(
      ScheduledExecutorService timer,
      String role,
      String name,
      Duration every,
      Duration maxDelay,
      Runnable work) {
    check(role, name);
    Counter failures =
        meters.counter(
            new MeterName(role, "background_failures", null),
            "Background runs of the " + role + " role that failed and were put off",
            "work",
            name);
    return new RepeatingWork(timer, role + " " + name, every, maxDelay, work, failures);
  }

  /**
   * As {@link #repeat}, on a timer thread of its own named {@code name}, which {@link
   * RepeatingWork#cancel()} shuts down: a role's one background job, started and stopped with it.
   */
  public RepeatingWork repeatAlone(
      String role, String name, Duration every, Duration maxDelay, Runnable work) {
    ScheduledThreadPoolExecutor timer = timer(role, name, 1);
    return repeat(timer, role, name, every, maxDelay, work).whenCancelled(timer::shutdownNow);
  }

  /** A dedicated thread for a loop that owns a socket or a connection; started by the caller. */
  public Thread thread(String role, String name, Runnable loop) {
    check(role, name);
    Thread thread = new Thread(loop, threadName(role, name));
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Watches a dedicated thread (see {@link Liveness}) that cannot take a probe task, such as one
   * that sleeps in a blocking receive and then handles what it read itself. It counts as alive
   * while it runs and, through the returned mark, is not busy on one unit of work since before the
   * last check; until {@code retired} says it was meant to end.
   */
  public BusyMark watchThread(String role, String name, Thread thread, BooleanSupplier retired) {
    check(role, name);
    BusyMark mark = new BusyMark(liveness);
    liveness.watch(
        threadName(role, name),
        (lastCheck, now) -> thread.isAlive() && mark.turning(lastCheck),
        retired);
    return mark;
  }

  /** Shows a queue of the role's own (a dedicated loop's) as the same gauge as the pools'. */
  public void watch(String role, String name, Collection<?> queue) {
    watch(role, name, queue::size);
  }

  private void watch(String role, String name, Supplier<Integer> size) {
    meters.gauge(
        queueName(role, name),
        "Tasks waiting in the " + name + " queue of the " + role + " role",
        size::get);
  }

  static MeterName queueName(String role, String name) {
    return new MeterName(role, name.replace('-', '_') + "_queued", "tasks");
  }

  static String threadName(String role, String name) {
    return "voxhost-" + role + "-" + name;
  }

  private static ThreadFactory factory(String role, String name, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    String base = threadName(role, name);
    return work -> {
      Thread thread = new Thread(work, numbered ? base + "-" + count.incrementAndGet() : base);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void check(String role, String name) {
    if (!NAME.matcher(role).matches() || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "thread names are lower-case words and dashes: '" + role + "', '" + name + "'");
    }
    if (!role.equals(role.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(role);
    }
  }
}
