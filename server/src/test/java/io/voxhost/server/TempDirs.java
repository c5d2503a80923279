package io.voxhost.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test directories under target/, removed after each test. */
final class TempDirs {

  private TempDirs() {}

  static Path create(String prefix) throws IOException {
    Path base = Path.of("target", "it-work").toAbsolutePath();
    Files.createDirectories(base);
    return Files.createTempDirectory(base, prefix);
  }

  static void delete(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
