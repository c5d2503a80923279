package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.database.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With voxhost.db.* set, the node uses that database and starts no PostgreSQL of its own. */
class ExternalDatabaseIT {

  private Path work;
  private EmbeddedDatabase external;

  @BeforeEach
  void startExternalDatabase() throws Exception {
    work = TempDirs.create("external-");
    external =
        EmbeddedDatabase.start(
            work.resolve("external-pg"),
            Path.of(System.getProperty("java.io.tmpdir"), "voxhost-test-pg-bin"),
            work.resolve("external.secret"),
            Duration.ofSeconds(60));
  }

  @AfterEach
  void stopExternalDatabase() throws Exception {
    if (external != null) {
      external.close();
    }
    TempDirs.delete(work);
  }

  @Test
  void usesTheConfiguredDatabaseAndStartsNoneOfItsOwn() throws Exception {
    Path dataDir = work.resolve("data");
    Map<String, String> props =
        Map.of(
            "voxhost.data-dir", dataDir.toString(),
            "voxhost.db.url", external.target().jdbcUrl(),
            "voxhost.db.user", external.target().user(),
            "voxhost.db.password", external.target().password());
    try (NodeProcess node = NodeProcess.start(work, props)) {
      node.awaitReady(Duration.ofSeconds(120));
      String admin = Files.readString(dataDir.resolve("admin.key")).trim();
      assertThat(
              node.post(
                      "/api/v1/admin/tenants",
                      admin,
                      "{\"slug\":\"ext\",\"name\":\"External\",\"sipDomain\":\"ext.example.net\"}")
                  .statusCode())
          .isEqualTo(201);

      assertThat(dataDir.resolve("pg")).doesNotExist();
      assertThat(dataDir.resolve("pg.secret")).doesNotExist();
      assertThat(ProcessHandle.of(node.pid()).orElseThrow().descendants())
          .noneMatch(p -> p.info().command().orElse("").endsWith("postgres"));
      try (Connection c =
              DriverManager.getConnection(
                  external.target().jdbcUrl(),
                  external.target().user(),
                  external.target().password());
          ResultSet rs =
              c.createStatement()
                  .executeQuery("select name from platform.tenant where slug = 'ext'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("External");
      }
      node.stop(Duration.ofSeconds(60));
    }
  }
}
