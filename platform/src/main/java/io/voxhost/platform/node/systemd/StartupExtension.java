package io.voxhost.platform.node.systemd;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Asks systemd for more start-up time while a slow step runs (the first start of the embedded
 * database unpacks its binaries and runs initdb), so that a unit's short {@code TimeoutStartSec}
 * still catches a start that hangs everywhere else. Like Elasticsearch: every {@code every}, a
 * request for twice that, for as long as the step runs, up to {@code atMost} in all.
 */
public final class StartupExtension {

  private static final Logger LOG = Logger.getLogger(StartupExtension.class);

  private StartupExtension() {}

  /** Starts asking on a daemon thread of its own; returns at once. */
  public static void whileRunning(
      SystemdNotifier notifier,
      String step,
      BooleanSupplier running,
      Duration every,
      Duration atMost) {
    if (!notifier.listening() || !running.getAsBoolean()) {
      return;
    }
    // A plain thread: this runs before the application and its thread pools exist.
    Thread thread =
        new Thread(
            () -> {
              long end = System.nanoTime() + atMost.toNanos();
              try {
                while (running.getAsBoolean() && System.nanoTime() < end) {
                  notifier.extendTimeout(every.multipliedBy(2));
                  Thread.sleep(every.toMillis());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              LOG.debugf("No more start-up time asked for %s", step);
            },
            "voxhost-node-startup-extension");
    thread.setDaemon(true);
    thread.start();
  }
}
