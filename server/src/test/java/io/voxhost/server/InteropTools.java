package io.voxhost.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

  /**
   * Runs one SIPp call of the test scenario {@code scenario} (copied from {@code /sipp/} into
   * {@code work}) as {@code user} of {@code domain} against {@code server}, from {@code localPort},
   * with {@code extra} options; returns SIPp's exit code (0: the call succeeded). The message trace
   * is {@code <scenario>.<user>.log} in {@code work}.
   */
  static int sipp(
      Path work,
      String server,
      String scenario,
      String user,
      String domain,
      int localPort,
      List<String> extra)
      throws Exception {
    Path file = work.resolve(scenario);
    try (var in = InteropTools.class.getResourceAsStream("/sipp/" + scenario)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> options = new ArrayList<>(List.of("-s", user, "-key", "domain", domain));
    options.addAll(extra);
    return sipp(work, server, file, scenario + "." + user, localPort, options);
  }

  /**
   * Runs one SIPp call of the scenario file {@code file} against {@code server}, from {@code
   * localPort}, with {@code options}; returns SIPp's exit code (0: the call succeeded). The message
   * trace is {@code <label>.log} in {@code work}, SIPp's output {@code sipp-<label>.out}.
   */
  static int sipp(
      Path work, String server, Path file, String label, int localPort, List<String> options)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "sipp",
                server,
                "-sf",
                file.toString(),
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(localPort),
                "-m",
                "1",
                "-nostdin",
                "-timeout",
                "20s",
                "-recv_timeout",
                "5000",
                "-trace_msg",
                "-message_file",
                work.resolve(label + ".log").toString()));
    command.addAll(options);
    Process p =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("sipp-" + label + ".out").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sipp " + label + " did not finish");
    }
    return p.exitValue();
  }
}
