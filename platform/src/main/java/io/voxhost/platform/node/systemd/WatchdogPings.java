package io.voxhost.platform.node.systemd;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.concurrent.Liveness;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The watchdog's decision, once per half interval: ping systemd when every watched loop proved
 * alive since the last tick ({@link Liveness}), otherwise withhold the ping, log the loops to blame
 * and count it.
 */
public final class WatchdogPings {

  private static final Logger LOG = Logger.getLogger(WatchdogPings.class);

  private final SystemdNotifier notifier;
  private final Liveness liveness;
  private final Counter withheld;

  public WatchdogPings(SystemdNotifier notifier, Liveness liveness, Counter withheld) {
    this.notifier = notifier;
    this.liveness = liveness;
    this.withheld = withheld;
  }

  /** The first ping, with the node just ready: starts the first interval, proves nothing yet. */
  public void first() {
    liveness.check();
    notifier.watchdog();
  }

  /** Pings if every loop proved alive since the last tick; returns the loops that did not. */
  public List<String> tick() {
    List<String> stuck = liveness.check();
    if (stuck.isEmpty()) {
      notifier.watchdog();
    } else {
      withheld.increment();
      LOG.errorf(
          "Watchdog ping withheld: %s made no progress for a whole interval;"
              + " systemd restarts the node if this goes on",
          String.join(", ", stuck));
    }
    return stuck;
  }
}
