package io.voxhost.platform.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.voxhost.platform.database.EmbeddedDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s, started the way a node starts its embedded one, with
 * a fresh data directory per test run. Role modules use it through the platform test-jar.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

  private Path dataDir;
  private EmbeddedDatabase database;

  @Override
  public Map<String, String> start() {
    try {
      dataDir = Files.createTempDirectory("voxhost-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    database =
        EmbeddedDatabase.start(
            dataDir.resolve("pg"),
            binariesDir(),
            dataDir.resolve("pg.secret"),
            Duration.ofSeconds(60));
    Map<String, String> properties = new HashMap<>(database.target().datasourceProperties());
    properties.put("voxhost.data-dir", dataDir.toString());
    return properties;
  }

  @Override
  public void stop() {
    if (database != null) {
      database.close();
    }
    deleteTree(dataDir);
  }

  /** Unpacked once per machine and reused: unpacking takes seconds. */
  public static Path binariesDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "voxhost-test-pg-bin");
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
