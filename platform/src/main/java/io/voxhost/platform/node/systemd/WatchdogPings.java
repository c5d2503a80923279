package io.voxhost.platform.node.systemd;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.concurrent.Liveness;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The watchdog's decision, once per half interval: ping systemd when every watched loop ran the
 * probe it was given at the last tick, otherwise withhold the ping, log the loops to blame and
 * count it. Each tick posts the next probes.
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

  /** The first ping, with the node just ready: posts the first probes, proves nothing yet. */
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
          "Watchdog ping withheld: %s did not run a task posted one interval ago;"
              + " systemd restarts the node if this goes on",
          String.join(", ", stuck));
    }
    return stuck;
  }
}
