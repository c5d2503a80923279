package io.voxhost.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the interop tests share: Debian's tools, and the node's view of a registration. */
final class InteropTools {

  private InteropTools() {}

  /**
   * Skips the test when {@code name} is not installed, unless VOXHOST_INTEROP_REQUIRED=1 (as in
   * CI), which makes a missing tool a failure.
   */
  static void requireTool(String name) {
    boolean present =
        List.of("/usr/bin/", "/usr/local/bin/", "/usr/sbin/").stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir + name)));
    if (!present && "1".equals(System.getenv("VOXHOST_INTEROP_REQUIRED"))) {
      throw new AssertionError(name + " is not installed (apt-get install the package)");
    }
    assumeTrue(present, name + " is not installed; skipping");
  }

  /** The registrations API's answer for {@code user} once it names a contact (30 s at most). */
  static String registrationsOf(NodeProcess node, String key, String user) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String registrations = "";
    while (System.nanoTime() < deadline) {
      registrations = node.get("/api/v1/sip/registrations?aor=" + user, key).body();
      if (registrations.contains("\"contact\"")) {
        break;
      }
      Thread.sleep(200);
    }
    return registrations;
  }
}
