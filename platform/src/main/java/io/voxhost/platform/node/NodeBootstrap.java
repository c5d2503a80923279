package io.voxhost.platform.node;

import io.quarkus.runtime.Application;
import io.smallrye.config.SmallRyeConfig;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.database.DatabaseProbe;
import io.voxhost.platform.database.DatabaseTarget;
import io.voxhost.platform.database.EmbeddedDatabase;
import io.voxhost.platform.node.systemd.StartupExtension;
import io.voxhost.platform.node.systemd.SystemdNotifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What must exist before the application boots: a locked, writable data directory and a database,
 * either an external one that answered or an embedded one starting alongside the application.
 */
public final class NodeBootstrap {

  static final Duration EMBEDDED_STARTUP_WAIT = Duration.ofSeconds(60);

  /** How often systemd is asked for more start-up time while the embedded database starts. */
  static final Duration EXTEND_EVERY = Duration.ofSeconds(5);

  /**
   * The most start-up time asked for in all on a first start: the embedded database's wait, and two
   * minutes for the migrations and the roles' start that follow it on a slow machine. A start still
   * going after that is left to the unit's {@code TimeoutStartSec} (the last request gives it
   * {@code 2 * EXTEND_EVERY} more).
   */
  static final Duration FIRST_START_AT_MOST =
      EMBEDDED_STARTUP_WAIT.plus(EXTEND_EVERY).plus(Duration.ofMinutes(2));

  private NodeBootstrap() {}

  public static PreparedNode prepare(SmallRyeConfig config) {
    return prepare(config, SystemdNotifier.silent());
  }

  /**
   * As {@link #prepare(SmallRyeConfig)}, telling systemd what happens: the database it waits for,
   * and, while an embedded one starts, that start-up needs more time.
   */
  public static PreparedNode prepare(SmallRyeConfig config, SystemdNotifier systemd) {
    VoxhostConfig voxhost = config.getConfigMapping(VoxhostConfig.class);
    DataDirectory dataDir = DataDirectory.open(voxhost.dataDir());
    try {
      Optional<DatabaseTarget> external = externalTarget(voxhost, config);
      if (external.isPresent()) {
        systemd.status("waiting for the database");
        DatabaseProbe.check(external.get(), voxhost.db().connectTimeout());
        return new PreparedNode(dataDir, null, external.get(), null);
      }
      Path cluster = dataDir.resolve("pg");
      // A first start runs initdb, then every migration: both slow, so more time is asked for
      // until the node is ready. Later starts ask only while the database starts.
      boolean firstStart = !Files.exists(cluster.resolve("postgresql.conf"));
      EmbeddedDatabase embedded =
          EmbeddedDatabase.launch(
              cluster,
              dataDir.resolve("pg-bin"),
              dataDir.resolve("pg.secret"),
              EMBEDDED_STARTUP_WAIT);
      systemd.status("starting the embedded database");
      StartupExtension extension =
          firstStart
              ? StartupExtension.whileRunning(
                  systemd,
                  "the first start",
                  () -> embedded.starting() || applicationStarting(),
                  EXTEND_EVERY,
                  FIRST_START_AT_MOST)
              : StartupExtension.whileRunning(
                  systemd,
                  "the embedded database",
                  embedded::starting,
                  EXTEND_EVERY,
                  EMBEDDED_STARTUP_WAIT.plus(EXTEND_EVERY));
      return new PreparedNode(dataDir, embedded, embedded.target(), extension);
    } catch (RuntimeException e) {
      dataDir.close();
      throw e;
    }
  }

  /**
   * Whether the application is still starting: Quarkus marks it started once every start-up
   * observer (migrations, the roles) ran and the HTTP server listens, right before the node says
   * {@code READY=1}. Read from Quarkus, so that the start-up extension, which begins before the
   * application exists, needs no hand-over from it.
   */
  private static boolean applicationStarting() {
    Application application = Application.currentApplication();
    return application == null || !application.isStarted();
  }

  /** {@code voxhost.db.*} first, then the standard {@code quarkus.datasource.*} keys. */
  static Optional<DatabaseTarget> externalTarget(VoxhostConfig voxhost, SmallRyeConfig config) {
    Optional<String> url =
        voxhost
            .db()
            .url()
            .or(() -> config.getOptionalValue("quarkus.datasource.jdbc.url", String.class));
    if (url.isEmpty() || url.get().isBlank()) {
      return Optional.empty();
    }
    String user =
        voxhost
            .db()
            .user()
            .or(() -> config.getOptionalValue("quarkus.datasource.username", String.class))
            .orElse("voxhost");
    String password =
        voxhost
            .db()
            .password()
            .or(() -> config.getOptionalValue("quarkus.datasource.password", String.class))
            .orElse("");
    return Optional.of(new DatabaseTarget(url.get().strip(), user, password, false));
  }
}
