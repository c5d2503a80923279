package io.voxhost.platform.database;

import java.util.Map;

/** Where and as whom the node connects to PostgreSQL. */
public record DatabaseTarget(String jdbcUrl, String user, String password, boolean embedded) {

  /** The Quarkus datasource settings that point the application at this database. */
  public Map<String, String> datasourceProperties() {
    return Map.of(
        "quarkus.datasource.jdbc.url", jdbcUrl,
        "quarkus.datasource.username", user,
        "quarkus.datasource.password", password);
  }

  @Override
  public String toString() {
    return "DatabaseTarget[" + jdbcUrl + " as " + user + (embedded ? ", embedded" : "") + "]";
  }
}
