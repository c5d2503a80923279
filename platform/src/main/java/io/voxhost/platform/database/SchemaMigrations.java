package io.voxhost.platform.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
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

  private final DataSource dataSource;
  private final Instance<ModuleSchema> schemas;

  SchemaMigrations(DataSource dataSource, @Any Instance<ModuleSchema> schemas) {
    this.dataSource = dataSource;
    this.schemas = schemas;
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

  public void migrateAll() {
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
