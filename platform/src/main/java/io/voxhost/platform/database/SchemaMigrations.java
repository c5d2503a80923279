package io.voxhost.platform.database;

import io.voxhost.platform.config.StartupFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Brings every module's schema up to date at start, each with its own history table. Flyway's
 * per-schema lock keeps two nodes that start together from migrating twice.
 */
@ApplicationScoped
public class SchemaMigrations {

  private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);
  private static final Duration AVAILABILITY_WAIT = Duration.ofSeconds(120);
  private static final int MIN_SERVER_VERSION = 140000;

  private final DataSource dataSource;
  private final Instance<ModuleSchema> schemas;

  SchemaMigrations(DataSource dataSource, @Any Instance<ModuleSchema> schemas) {
    this.dataSource = dataSource;
    this.schemas = schemas;
  }

  private void awaitDatabase() {
    long deadline = System.nanoTime() + AVAILABILITY_WAIT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select current_setting('server_version_num')::int")) {
        rs.next();
        int version = rs.getInt(1);
        if (version < MIN_SERVER_VERSION) {
          throw new StartupFailure(
              "PostgreSQL " + version / 10000 + " is too old: Voxhost needs 14 or newer");
        }
        return;
      } catch (SQLException e) {
        last = e;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new StartupFailure(
        "the database did not answer within "
            + AVAILABILITY_WAIT.toSeconds()
            + " s: "
            + (last == null ? "interrupted" : last.getMessage()));
  }

  /** The schemas in migration order: the platform first, the roles by name. */
  public List<String> names() {
    return schemas.stream()
        .map(ModuleSchema::name)
        .distinct()
        .sorted(
            Comparator.comparing((String name) -> !PlatformSchema.NAME.equals(name))
                .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  /**
   * Waits for the database (the embedded one may still be starting) and proves it is a version we
   * support, then migrates every schema.
   */
  public void migrateAll() {
    awaitDatabase();
    for (String schema : names()) {
      MigrateResult result =
          Flyway.configure(Thread.currentThread().getContextClassLoader())
              .dataSource(dataSource)
              .schemas(schema)
              .defaultSchema(schema)
              .createSchemas(true)
              .locations("classpath:db/" + schema)
              .table("flyway_schema_history")
              .validateMigrationNaming(true)
              .cleanDisabled(true)
              .load()
              .migrate();
      String version =
          result.targetSchemaVersion != null
              ? result.targetSchemaVersion
              : result.initialSchemaVersion;
      LOG.infof(
          "Schema %s at version %s (%d migration(s) applied now)",
          schema, version, result.migrationsExecuted);
    }
  }
}
