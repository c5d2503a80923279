package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.testing.FreePorts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code systemctl reload} on the packaged node: SIGHUP reads the template overrides, the log
 * levels and the rate limits again, names what needs a restart, and leaves the transfers in flight
 * alone.
 */
class NodeReloadIT {

  private static final Duration START = Duration.ofSeconds(120);
  private static final String MAC = "001565abcd01";
  private static final String FILE = MAC + ".cfg";

  private Path work;

  @BeforeEach
  void createWorkDir() throws Exception {
    work = TempDirs.create("reload-");
  }

  @AfterEach
  void deleteWorkDir() throws Exception {
    TempDirs.delete(work);
  }

  @Test
  void sighupReloadsTemplatesLogLevelsAndLimitsWithoutDroppingATransfer() throws Exception {
    Path dataDir = work.resolve("data");
    // Quarkus reads config/application.properties in the working directory: the file a reload
    // reads again. What NodeProcess passes as system properties is fixed for the process.
    Path config = work.resolve("config/application.properties");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "voxhost.tftp.rate-limit.per-second=10000\n");
    Path template = dataDir.resolve("templates/yealink-device.txt");
    Files.createDirectories(template.getParent());
    Files.writeString(template, template("one"));
    FileTime written = Files.getLastModifiedTime(template);
    int tftpPort = FreePorts.udpAndTcp();

    try (NodeProcess node =
        NodeProcess.start(
            work,
            Map.of(
                "voxhost.data-dir",
                dataDir.toString(),
                "voxhost.roles",
                "tftp",
                "voxhost.tftp.listen",
                "127.0.0.1:" + tftpPort))) {
      node.awaitReady(START);
      openDevice(node, Files.readString(dataDir.resolve("admin.key")).trim());
      assertThat(text(TftpDownload.fetch(tftpPort, FILE))).isEqualTo(expected("one"));

      // A phone is mid-way through its file, and waits (up to 60 s a block) before going on.
      try (TftpDownload held = TftpDownload.begin(tftpPort, FILE, 60)) {
        // The edit keeps the file's time, as cp -p, rsync -t or a coarse clock do: the node
        // cannot notice it on its own.
        Files.writeString(template, template("two"));
        Files.setLastModifiedTime(template, written);
        assertThat(text(TftpDownload.fetch(tftpPort, FILE))).isEqualTo(expected("one"));
        Files.writeString(
            config,
            "voxhost.tftp.rate-limit.per-second=1\n"
                + "voxhost.tftp.rate-limit.burst=1\n"
                + "quarkus.log.category.\"io.voxhost.platform.node\".level=DEBUG\n"
                + "voxhost.tftp.max-transfers=5\n");
        assertThat(rateLimited(node)).isZero();
        assertThat(node.output()).doesNotContain("reload: read");

        node.hangUp();

        awaitOutput(node, "reload: reloaded");
        String line =
            node.output().lines().filter(l -> l.contains("reload: reloaded")).findFirst().get();
        assertThat(line)
            .contains("log levels", "tftp devices", "tftp templates", "tftp rate limit")
            .contains("needs a restart: voxhost.tftp.max-transfers")
            .doesNotContain("failed");
        // The new level shows the reload's own debug line.
        assertThat(node.output()).contains("reload: read [" + config);

        assertThat(text(TftpDownload.fetch(tftpPort, FILE))).isEqualTo(expected("two"));
        assertThat(text(held.finish())).isEqualTo(expected("one"));
      }

      // One request a second now: a burst from one address is cut.
      for (int i = 0; i < 5; i++) {
        TftpDownload.sendRequest(tftpPort, FILE);
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rateLimited(node) >= 1);
      assertThat(node.output()).doesNotContain("SIGHUP cannot be taken");
      // A drained stop is a success: exit 0, never 143.
      assertThat(node.stop(Duration.ofSeconds(60))).as(node.output()).isZero();
    }
  }

  private static void awaitOutput(NodeProcess node, String text) {
    try {
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> node.output().contains(text));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no '" + text + "' in the node's output:\n" + node.output(), e);
    }
  }

  /** A tenant whose devices anyone may fetch, and one Yealink phone of it. */
  private static void openDevice(NodeProcess node, String admin) throws Exception {
    HttpResponse<String> created =
        node.post(
            "/api/v1/admin/tenants",
            admin,
            "{\"slug\":\"reload\",\"name\":\"Reload\",\"sipDomain\":\"reload.example.net\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String issued =
        node.post("/api/v1/admin/tenants/reload/keys", admin, "{\"label\":\"it\"}").body();
    String key = issued.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1");
    HttpResponse<String> policy =
        node.put("/api/v1/provisioning/settings", key, "{\"fetchPolicy\":\"open\"}");
    assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
    HttpResponse<String> device =
        node.post(
            "/api/v1/provisioning/devices",
            key,
            "{\"mac\":\"" + MAC + "\",\"vendor\":\"yealink\",\"model\":\"T46U\"}");
    assertThat(device.statusCode()).as(device.body()).isEqualTo(201);
  }

  /** Several blocks long, so that a transfer of it can be held between blocks. */
  private static String template(String version) {
    return "# {device.mac} version " + version + "\n" + filler(version);
  }

  private static String expected(String version) {
    return "# " + MAC + " version " + version + "\n" + filler(version);
  }

  private static String filler(String version) {
    return ("a line of the phone's settings, version " + version + "\n").repeat(60);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static double rateLimited(NodeProcess node) throws Exception {
    Matcher m =
        Pattern.compile(
                "(?m)^voxhost_tftp_requests_total\\{[^}]*outcome=\"rate_limited\"[^}]*\\} ([0-9.]+)$")
            .matcher(node.get("/q/metrics").body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
