package io.voxhost.platform.database;

/**
 * A database schema owned by one module. Its Flyway migrations live on the class path under {@code
 * db/<name>/} and its history in {@code <name>.flyway_schema_history}; no other module reads its
 * tables.
 */
public interface ModuleSchema {

  /** The schema name, such as {@code platform} or {@code sip}. */
  String name();
}
