package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Start-up errors an operator makes: one clear line naming the cause, and a non-zero exit: 78
 * (EX_CONFIG) when a setting is wrong, which a unit does not restart, 1 otherwise.
 */
class StartupFailureIT {

  private Path work;

  @BeforeEach
  void createWorkDir() throws Exception {
    work = TempDirs.create("failure-");
  }

  @AfterEach
  void deleteWorkDir() throws Exception {
    TempDirs.delete(work);
  }

  @Test
  void unknownRoleNamesTheKnownOnes() throws Exception {
    String line =
        failWith(
            Map.of("voxhost.data-dir", work.resolve("data").toString(), "voxhost.roles", "fax"),
            78);
    assertThat(line)
        .contains("voxhost.roles")
        .contains("unknown role 'fax'")
        .contains("known roles");
  }

  @Test
  void unreachableExternalDatabaseIsOneLine() throws Exception {
    String line =
        failWith(
            Map.of(
                "voxhost.data-dir", work.resolve("data").toString(),
                "voxhost.db.url", "jdbc:postgresql://127.0.0.1:1/voxhost",
                "voxhost.db.user", "voxhost",
                "voxhost.db.password", "secret",
                "voxhost.db.connect-timeout", "2s"),
            1);
    assertThat(line).contains("cannot connect to the database").contains("127.0.0.1:1");
    assertThat(line).doesNotContain("secret");
  }

  @Test
  void unwritableDataDirectoryIsOneLine() throws Exception {
    // A regular file where a directory must be: unwritable even for root, which CI runs as.
    Path blocker = Files.writeString(work.resolve("blocker"), "not a directory");
    String line = failWith(Map.of("voxhost.data-dir", blocker.resolve("data").toString()), 78);
    assertThat(line).contains("voxhost.data-dir").contains(blocker.toString());
  }

  @Test
  void invalidSettingNamesTheKey() throws Exception {
    String line =
        failWith(
            Map.of(
                "voxhost.data-dir",
                work.resolve("data").toString(),
                "voxhost.db.connect-timeout",
                "soon"),
            78);
    assertThat(line).contains("voxhost.db.connect-timeout");
  }

  @Test
  void aBadListenAddressNamesTheKeyAndWhatWasExpected() throws Exception {
    String line =
        failWith(
            Map.of(
                "voxhost.data-dir",
                work.resolve("data").toString(),
                "voxhost.recording.listen",
                "0.0.0.0:49999-40000"),
            78);
    assertThat(line).contains("voxhost.recording.listen").contains("low-high");
  }

  /** Runs the node expecting failure with {@code exitCode}; returns its single error line. */
  private String failWith(Map<String, String> properties, int exitCode) throws Exception {
    try (NodeProcess node = NodeProcess.start(work, new HashMap<>(properties))) {
      int exit = node.awaitExit(Duration.ofSeconds(120));
      String output = node.output();
      assertThat(exit).as(output).isEqualTo(exitCode);
      assertThat(output)
          .as("no stack trace")
          .doesNotContain("\tat ")
          .doesNotContain("Exception in thread");
      List<String> errors = output.lines().filter(l -> l.startsWith("voxhost: ")).toList();
      assertThat(errors).as(output).hasSize(1);
      return errors.get(0);
    }
  }
}
