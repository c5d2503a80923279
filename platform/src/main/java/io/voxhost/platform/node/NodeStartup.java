package io.voxhost.platform.node;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.database.SchemaMigrations;
import io.voxhost.platform.node.systemd.NodeWatchdog;
import io.voxhost.platform.node.systemd.SystemdNotifier;
import io.voxhost.platform.role.RoleLifecycle;
import io.voxhost.platform.service.ApiKeyService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The node's start-up in its required order: check the role list, migrate every schema, make sure
 * an admin key exists, start the change feed, start the roles, then take SIGHUP for reloads; and at
 * shutdown stop taking SIGHUP, drain and stop the roles first, then the change feed (a role's last
 * writes may still announce changes, and its subscriptions are served until it stopped). systemd
 * hears of each step ({@code STATUS=}), of readiness once the application serves ({@link
 * #serving()}), and of the shutdown as it begins.
 */
@ApplicationScoped
public class NodeStartup {

  private static final Logger LOG = Logger.getLogger(NodeStartup.class);
  public static final String ADMIN_KEY_FILE = "admin.key";

  private final VoxhostConfig config;
  private final SchemaMigrations migrations;
  private final ApiKeyService keys;
  private final RoleLifecycle roles;
  private final ChangeFeed changes;
  private final ReloadSignal reloadSignal;
  private final SystemdNotifier systemd;
  private final NodeWatchdog watchdog;
  private final Event<NodeServing> servingEvents;
  private volatile boolean started;

  NodeStartup(
      VoxhostConfig config,
      SchemaMigrations migrations,
      ApiKeyService keys,
      RoleLifecycle roles,
      ChangeFeed changes,
      ReloadSignal reloadSignal,
      SystemdNotifier systemd,
      NodeWatchdog watchdog,
      Event<NodeServing> servingEvents) {
    this.servingEvents = servingEvents;
    this.config = config;
    this.migrations = migrations;
    this.keys = keys;
    this.roles = roles;
    this.changes = changes;
    this.reloadSignal = reloadSignal;
    this.systemd = systemd;
    this.watchdog = watchdog;
  }

  void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    long begin = System.nanoTime();
    roles.enabled();
    systemd.status("migrating");
    migrations.migrateAll();
    long migrated = System.nanoTime();
    Path adminKey = config.dataDir().toAbsolutePath().normalize().resolve(ADMIN_KEY_FILE);
    boolean created = keys.ensureAdminKey(adminKey, config.auth().resetAdminKey());
    long keyed = System.nanoTime();
    startChangeFeed();
    systemd.status("starting roles " + roles.enabled().names());
    roles.startAll();
    reloadSignal.listen();
    started = true;
    long end = System.nanoTime();
    LOG.infof(
        "Voxhost node started in %d ms (migrations %d ms, admin key %d ms, roles %d ms): roles %s,"
            + " admin key in %s%s",
        ManagementFactory.getRuntimeMXBean().getUptime(),
        (migrated - begin) / 1_000_000,
        (keyed - migrated) / 1_000_000,
        (end - keyed) / 1_000_000,
        roles.enabled().names(),
        adminKey,
        created ? " (new)" : "");
  }

  /** Roles subscribe to it as they start, and wait there for what their subscriptions load. */
  private void startChangeFeed() {
    try {
      changes.start(config.db().connectTimeout());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupFailure("interrupted while the change feed connected");
    } catch (IllegalStateException e) {
      throw new StartupFailure(e.getMessage());
    }
  }

  /**
   * The application serves: the database answered, every schema is migrated, every enabled role
   * bound its ports and the HTTP server listens. Tells systemd {@code READY=1} and starts the
   * status refreshes and the watchdog. Called once, after start-up; never after a failed one.
   */
  public void serving() {
    if (!started) {
      throw new IllegalStateException("the node has not started");
    }
    systemd.ready(roles.status());
    watchdog.start();
    servingEvents.fire(new NodeServing());
  }

  void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    reloadSignal.close();
    // The process's shutdown hook said STOPPING=1 already when a signal began it; this covers
    // the other ways to stop (Quarkus.asyncExit). systemd takes it more than once.
    systemd.stopping("draining roles (at most " + config.drainTimeout().toSeconds() + " s)");
    watchdog.stop();
    roles.drainAll(config.drainTimeout());
    roles.stopAll();
    changes.stop();
    systemd.status("stopping the database");
  }
}
