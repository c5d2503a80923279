package io.voxhost.platform.node.systemd;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Asks systemd for more start-up time while a slow step runs (the first start of the embedded
 * database unpacks its binaries and runs initdb, and its migrations follow), so that a unit's short
 * {@code TimeoutStartSec} still catches a start that hangs everywhere else. Like Elasticsearch:
 * every {@code every}, a request for twice that, for as long as the step runs, until {@link
 * #close()} (start-up failed), up to {@code atMost} in all.
 */
public final class StartupExtension implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(StartupExtension.class);

  private final SystemdNotifier notifier;
  private final String step;
  private final BooleanSupplier running;
  private final Duration every;
  private final Duration atMost;
  private final CountDownLatch ended = new CountDownLatch(1);

  private StartupExtension(
      SystemdNotifier notifier,
      String step,
      BooleanSupplier running,
      Duration every,
      Duration atMost) {
    this.notifier = notifier;
    this.step = step;
    this.running = running;
    this.every = every;
    this.atMost = atMost;
  }

  /** Starts asking on a daemon thread of its own, while {@code running}; returns at once. */
  public static StartupExtension whileRunning(
      SystemdNotifier notifier,
      String step,
      BooleanSupplier running,
      Duration every,
      Duration atMost) {
    StartupExtension extension = new StartupExtension(notifier, step, running, every, atMost);
    if (notifier.listening() && running.getAsBoolean()) {
      // A plain thread: this runs before the application and its thread pools exist.
      Thread thread = new Thread(extension::ask, "voxhost-node-startup-extension");
      thread.setDaemon(true);
      thread.start();
    }
    return extension;
  }

  /** Start-up ended (it failed, or the node stops): no more time is asked for. */
  @Override
  public void close() {
    ended.countDown();
  }

  private void ask() {
    long end = System.nanoTime() + atMost.toNanos();
    try {
      while (running.getAsBoolean() && System.nanoTime() < end) {
        notifier.extendTimeout(every.multipliedBy(2));
        if (ended.await(every.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.debugf("No more start-up time asked for %s", step);
  }
}
