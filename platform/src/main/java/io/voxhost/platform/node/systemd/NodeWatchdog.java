package io.voxhost.platform.node.systemd;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.concurrent.Liveness;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.role.RoleLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Once the node is ready: refreshes systemd's {@code STATUS=} with what the roles do, and, when
 * systemd watches the node ({@code WatchdogSec=}), sends {@code WATCHDOG=1} every half interval,
 * but only while every work loop proved alive since the last ping ({@link Liveness}). A stuck loop
 * stops the pings, and systemd restarts the node; each withheld ping is logged with the loops to
 * blame and counted as {@code voxhost_node_watchdog_withheld_total}.
 */
@ApplicationScoped
public class NodeWatchdog {

  private static final Logger LOG = Logger.getLogger(NodeWatchdog.class);

  /** How often {@code STATUS=} is refreshed: often enough for a person looking, cheap to build. */
  static final Duration STATUS_EVERY = Duration.ofSeconds(10);

  static final String DATABASE_POOL = "voxhost-node-database-pool";

  private final SystemdNotifier notifier;
  private final Liveness liveness;
  private final RoleLifecycle roles;
  private final RoleThreads threads;
  private final DataSource dataSource;
  private final VoxhostConfig config;
  private final Counter withheld;
  private ScheduledThreadPoolExecutor timer;
  private ThreadPoolExecutor databaseProbes;

  NodeWatchdog(
      SystemdNotifier notifier,
      Liveness liveness,
      RoleLifecycle roles,
      RoleThreads threads,
      DataSource dataSource,
      VoxhostConfig config,
      Meters meters) {
    this.notifier = notifier;
    this.liveness = liveness;
    this.roles = roles;
    this.threads = threads;
    this.dataSource = dataSource;
    this.config = config;
    this.withheld =
        meters.counter(
            new MeterName("node", "watchdog_withheld", null),
            "Watchdog pings not sent to systemd because a work loop did not prove alive");
  }

  /** Starts the refreshes and pings; the node has just told systemd it is ready. */
  public synchronized void start() {
    if (!notifier.listening() || timer != null) {
      return;
    }
    timer = threads.timer("node", "systemd", 1);
    timer.scheduleWithFixedDelay(
        this::refreshStatus,
        STATUS_EVERY.toMillis(),
        STATUS_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    notifier
        .watchdogInterval()
        .ifPresent(
            every -> {
              // Proven by the database probe it runs, which proves its thread as well.
              databaseProbes = threads.unwatchedPool("node", "database-probe", 1, 1);
              ThreadPoolExecutor probes = databaseProbes;
              liveness.register(
                  DATABASE_POOL,
                  proof -> probes.execute(() -> probeDatabase(proof)),
                  probes::isShutdown);
              WatchdogPings pings = new WatchdogPings(notifier, liveness, withheld);
              pings.first();
              long millis = Math.max(1, every.toMillis());
              timer.scheduleAtFixedRate(pings::tick, millis, millis, TimeUnit.MILLISECONDS);
              LOG.infof(
                  "systemd watchdog: a ping every %d ms while these loops prove alive: %s",
                  millis, liveness.watched());
            });
  }

  private void refreshStatus() {
    try {
      notifier.status(roles.status());
    } catch (RuntimeException e) {
      LOG.debugf("Status not refreshed: %s", e.toString());
    }
  }

  /**
   * The pool proves alive by handing out a connection that answers, or by failing within its
   * deadlines: a database that is down is an outage the node rides out (its readiness says so), not
   * a hang a restart would cure. Only a probe that never returns withholds the ping.
   */
  private void probeDatabase(Runnable proof) {
    try (Connection connection = dataSource.getConnection()) {
      connection.isValid((int) Math.max(1, config.db().timeout().toSeconds()));
    } catch (SQLException e) {
      LOG.debugf("Database probe failed (an outage, not a hang): %s", e.toString());
    }
    proof.run();
  }

  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
    if (databaseProbes != null) {
      databaseProbes.shutdownNow();
      databaseProbes = null;
    }
  }
}
