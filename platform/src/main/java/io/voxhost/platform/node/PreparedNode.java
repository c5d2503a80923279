package io.voxhost.platform.node;

import io.voxhost.platform.database.DatabaseTarget;
import io.voxhost.platform.database.EmbeddedDatabase;
import io.voxhost.platform.node.systemd.StartupExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A node ready for the application to start: its data directory and its database. */
public final class PreparedNode implements AutoCloseable {

  private final DataDirectory dataDir;
  private final EmbeddedDatabase embedded;
  private final DatabaseTarget database;
  private final StartupExtension extension;

  PreparedNode(
      DataDirectory dataDir,
      EmbeddedDatabase embedded,
      DatabaseTarget database,
      StartupExtension extension) {
    this.dataDir = dataDir;
    this.embedded = embedded;
    this.database = database;
    this.extension = extension;
  }

  /** Settings that point the application at what was prepared. */
  public Map<String, String> applicationProperties() {
    Map<String, String> properties = new HashMap<>(database.datasourceProperties());
    properties.put("voxhost.data-dir", dataDir.root().toString());
    return properties;
  }

  public DatabaseTarget database() {
    return database;
  }

  public Optional<EmbeddedDatabase> embedded() {
    return Optional.ofNullable(embedded);
  }

  /**
   * Start-up ended without the node becoming ready (the application failed or stopped): systemd is
   * asked for no more start-up time. A node that started stops asking by itself.
   */
  public void startupEnded() {
    if (extension != null) {
      extension.close();
    }
  }

  /** Stops the embedded database, if any, then releases the data directory. */
  @Override
  public synchronized void close() {
    startupEnded();
    try {
      if (embedded != null) {
        embedded.close();
      }
    } finally {
      dataDir.close();
    }
  }
}
