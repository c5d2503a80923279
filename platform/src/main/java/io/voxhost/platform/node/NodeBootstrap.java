package io.voxhost.platform.node;

import io.smallrye.config.SmallRyeConfig;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.database.DatabaseProbe;
import io.voxhost.platform.database.DatabaseTarget;
import io.voxhost.platform.database.EmbeddedDatabase;
import io.voxhost.platform.node.systemd.StartupExtension;
import io.voxhost.platform.node.systemd.SystemdNotifier;
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
        return new PreparedNode(dataDir, null, external.get());
      }
      EmbeddedDatabase embedded =
          EmbeddedDatabase.launch(
              dataDir.resolve("pg"),
              dataDir.resolve("pg-bin"),
              dataDir.resolve("pg.secret"),
              EMBEDDED_STARTUP_WAIT);
      systemd.status("starting the embedded database");
      StartupExtension.whileRunning(
          systemd,
          "the embedded database",
          embedded::starting,
          EXTEND_EVERY,
          EMBEDDED_STARTUP_WAIT.plus(EXTEND_EVERY));
      return new PreparedNode(dataDir, embedded, embedded.target());
    } catch (RuntimeException e) {
      dataDir.close();
      throw e;
    }
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
