package io.voxhost.platform.node;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.database.SchemaMigrations;
import io.voxhost.platform.role.RoleLifecycle;
import io.voxhost.platform.service.ApiKeyService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The node's start-up in its required order: check the role list, migrate every schema, make sure
 * an admin key exists, start the roles; and at shutdown drain and stop the roles first.
 */
@ApplicationScoped
public class NodeStartup {

  private static final Logger LOG = Logger.getLogger(NodeStartup.class);
  static final String ADMIN_KEY_FILE = "admin.key";

  private final VoxhostConfig config;
  private final SchemaMigrations migrations;
  private final ApiKeyService keys;
  private final RoleLifecycle roles;

  NodeStartup(
      VoxhostConfig config, SchemaMigrations migrations, ApiKeyService keys, RoleLifecycle roles) {
    this.config = config;
    this.migrations = migrations;
    this.keys = keys;
    this.roles = roles;
  }

  void start(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    long begin = System.nanoTime();
    roles.enabled();
    migrations.migrateAll();
    long migrated = System.nanoTime();
    Path adminKey = config.dataDir().toAbsolutePath().normalize().resolve(ADMIN_KEY_FILE);
    boolean created = keys.ensureAdminKey(adminKey, config.auth().resetAdminKey());
    long keyed = System.nanoTime();
    roles.startAll();
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

  void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
    roles.drainAll(config.drainTimeout());
    roles.stopAll();
  }
}
