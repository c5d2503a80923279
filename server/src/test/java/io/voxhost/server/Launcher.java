package io.voxhost.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code src/bin/voxhost} run as an admin runs it: a shell, a working directory, environment. */
final class Launcher {

  private static final long TIMEOUT_SECONDS = 60;

  private Launcher() {}

  /** What one run printed and how it ended. */
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /**
   * Runs the launcher against the packaged application, in {@code directory}, with {@code env}
   * added to a clean environment (no VOXHOST_* or QUARKUS_* of the machine leaks in).
   */
  static Run run(Path directory, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    String launcher = System.getProperty("voxhost.it.launcher");
    String jar = System.getProperty("voxhost.it.jar");
    if (launcher == null || !Files.isRegularFile(Path.of(launcher)) || jar == null) {
      throw new IllegalStateException(
          "voxhost.it.launcher and voxhost.it.jar must name src/bin/voxhost and the packaged jar");
    }
    List<String> command = new ArrayList<>(List.of("sh", launcher));
    command.addAll(List.of(args));
    Files.createDirectories(directory);
    Path out = Files.createTempFile(directory, "launcher-", ".out");
    Path err = Files.createTempFile(directory, "launcher-", ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("VOXHOST_") || k.startsWith("QUARKUS_"));
    builder.environment().remove("JAVA_OPTS");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("VOXHOST_APP_DIR", Path.of(jar).getParent().toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("voxhost " + String.join(" ", args) + " did not end");
    }
    try {
      return new Run(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
