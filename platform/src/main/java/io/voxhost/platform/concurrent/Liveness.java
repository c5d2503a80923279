package io.voxhost.platform.concurrent;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;

/**
 * The work loops of the node that must keep turning: worker pools, timers, event loops, dedicated
 * threads, the database pool. {@link RoleThreads} and {@link RoleEventLoops} register what they
 * create; other loops register themselves. Each {@link #check()} posts a no-op probe to every loop
 * and names the loops whose probe from the check before has not run yet: a loop that cannot run a
 * task it was given one interval ago is stuck (a worker blocked forever, an event loop spinning in
 * one handler), and the systemd watchdog withholds its ping.
 */
@ApplicationScoped
public class Liveness {

  private final Map<String, Loop> loops = new ConcurrentSkipListMap<>();

  /**
   * Watches {@code loop} under {@code name} until {@code retired} says it ended on purpose (its
   * executor shut down, its role drained). A probe is a {@link Runnable} handed to {@code loop}: an
   * executor runs it as a task; a check of another kind runs it at once when the loop is fine.
   */
  public void register(String name, Executor loop, BooleanSupplier retired) {
    loops.put(name, new Loop(loop, retired));
  }

  /** Stops watching {@code name}. */
  public void forget(String name) {
    loops.remove(name);
  }

  /**
   * The loops that did not run the probe of the last check, in name order; and a new probe for each
   * loop that did. The first check after a loop registered finds it fine.
   */
  public List<String> check() {
    List<String> stuck = new ArrayList<>();
    loops.forEach(
        (name, loop) -> {
          if (loop.retired.getAsBoolean()) {
            loops.remove(name, loop);
          } else if (!loop.probe()) {
            stuck.add(name);
          }
        });
    return stuck;
  }

  /** The names watched now. */
  public List<String> watched() {
    return List.copyOf(loops.keySet());
  }

  private static final class Loop {
    private final Executor executor;
    private final BooleanSupplier retired;
    private Probe last;

    Loop(Executor executor, BooleanSupplier retired) {
      this.executor = executor;
      this.retired = retired;
    }

    /** Whether the last probe ran; posts the next one if it did (or none was posted). */
    synchronized boolean probe() {
      Probe previous = last;
      if (previous != null && previous.posted && !previous.ran) {
        return false;
      }
      Probe next = new Probe();
      last = next;
      try {
        executor.execute(next);
        next.posted = true;
      } catch (RejectedExecutionException e) {
        // A full queue: the next check tries again; until a probe gets in, nothing is proven.
        return retired.getAsBoolean() || previous == null || previous.ran;
      }
      return previous == null || previous.ran || !previous.posted;
    }
  }

  private static final class Probe implements Runnable {
    private volatile boolean posted;
    private volatile boolean ran;

    @Override
    public void run() {
      ran = true;
    }
  }
}
