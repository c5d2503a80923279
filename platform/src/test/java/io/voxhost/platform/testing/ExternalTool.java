package io.voxhost.platform.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian tools (sox, ffprobe, ffmpeg, chromium), run as a user would. Missing ones skip the test on
 * a developer's machine and fail it where {@code VOXHOST_INTEROP_REQUIRED=1} (CI installs them).
 */
public final class ExternalTool {

  private ExternalTool() {}

  public static void require(String tool) {
    boolean present =
        java.util.stream.Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    if (!present && "1".equals(System.getenv("VOXHOST_INTEROP_REQUIRED"))) {
      fail(tool + " is required here (VOXHOST_INTEROP_REQUIRED=1) but not installed");
    }
    assumeTrue(present, tool + " not installed");
  }

  /** Runs a command to its end (30 s at most) and returns its standard output. */
  public static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(command + " did not end");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      fail(command + " failed with " + process.exitValue() + ": " + text);
    }
    return text;
  }
}
