package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.testing.NotifyReceiver;
import io.voxhost.platform.testing.NotifyReceiver.Notification;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged node under a stand-in for systemd: its own NOTIFY_SOCKET (a path, then an abstract
 * name), a watchdog, the journal's stream. READY=1 comes once the ports answer and never after a
 * failed start; pings come while the loops turn; SIGTERM says STOPPING=1 and ends with 0 after the
 * capture in flight was completed.
 */
class SystemdNotifyIT {

  private static final Duration START = Duration.ofSeconds(120);
  private static final int PACKETS = 100; // 2 s of audio per leg
  private Path work;

  @BeforeEach
  void createWorkDir() throws Exception {
    work = TempDirs.create("systemd-");
  }

  @AfterEach
  void deleteWorkDir() throws Exception {
    TempDirs.delete(work);
  }

  @Test
  void readyWhenServingPingsWhileAliveAndDrainsACaptureOnSigterm() throws Exception {
    Path dataDir = work.resolve("data");
    Map<String, String> props =
        Map.of(
            "voxhost.data-dir",
            dataDir.toString(),
            "voxhost.recording.listen",
            "127.0.0.1:33000-33999");
    String id;
    String key;
    try (NotifyReceiver systemd = NotifyReceiver.atPath(work.resolve("notify"));
        NodeProcess node =
            NodeProcess.start(
                work,
                props,
                Map.of("NOTIFY_SOCKET", systemd.notifySocket(), "WATCHDOG_USEC", "2000000"),
                true)) {
      Notification ready = awaitReady(systemd, node);
      // Told ready: every port answers now.
      node.awaitReady(Duration.ofSeconds(5));
      try (Socket sip = new Socket("127.0.0.1", node.sipPort())) {
        assertThat(sip.isConnected()).isTrue();
      }
      assertThat(node.get("/q/health/ready").statusCode()).isEqualTo(200);
      assertThat(ready.get("STATUS")).contains("sip ", "tftp ", "recording ");

      List<Notification> before =
          systemd.notifications().stream().takeWhile(n -> !n.has("READY=1")).toList();
      assertThat(before.stream().map(n -> n.get("STATUS")))
          .contains("starting the embedded database", "migrating");
      assertThat(before).anyMatch(n -> n.get("EXTEND_TIMEOUT_USEC") != null);
      // A first start: more time is asked for until READY=1, each request before the previous
      // one ran out, so migrations and roles after a slow initdb are not cut short.
      assertExtendedUntilReady(systemd.notifications());

      // The watchdog: a ping a second while every loop proves alive.
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> systemd.count("WATCHDOG=1") >= 3);
      assertThat(node.output())
          .contains("systemd watchdog: a ping every 1000 ms")
          .contains(
              "voxhost-sip-workers",
              "voxhost-sip-udp-0",
              "voxhost-tftp-loop-1",
              "voxhost-recording-loop-1",
              "voxhost-recording-assembly",
              "voxhost-node-database-pool")
          .doesNotContain("Watchdog ping withheld");

      // The journal learns each line's priority.
      assertThat(node.output().lines())
          .anyMatch(l -> l.startsWith("<6>") && l.contains("Voxhost node started"));

      // A call being captured when SIGTERM comes.
      String admin = Files.readString(dataDir.resolve("admin.key")).trim();
      String tenant = "{\"slug\":\"term\",\"name\":\"Term\",\"sipDomain\":\"term.example.net\"}";
      assertThat(node.post("/api/v1/admin/tenants", admin, tenant).statusCode()).isEqualTo(201);
      key =
          field(
              node.post("/api/v1/admin/tenants/term/keys", admin, "{\"label\":\"it\"}").body(),
              "key");
      HttpResponse<String> session =
          node.post(
              "/api/v1/recordings/sessions",
              key,
              "{\"callId\":\"term-1\",\"codec\":\"PCMU\","
                  + "\"legs\":[{\"label\":\"caller\"},{\"label\":\"callee\"}]}");
      assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
      id = field(session.body(), "id");
      sendAudio(session.body());
      // The last packets are read by the capture loop, not by this test: it checks the
      // recording holds all of them, so it waits for the session to have seen them.
      String sessionPath = "/api/v1/recordings/sessions/" + id;
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  Pattern.compile("\"packets\":" + PACKETS + ",")
                          .matcher(node.get(sessionPath, key).body())
                          .results()
                          .count()
                      == 2);

      int exit = node.stop(Duration.ofSeconds(60));
      assertThat(exit).as(node.output()).isZero();
      Notification stopping = systemd.first("STOPPING=1");
      assertThat(stopping).as(systemd.notifications().toString()).isNotNull();
      assertThat(stopping.nanoTime()).isGreaterThan(ready.nanoTime());
      assertThat(node.output()).contains("Role recording drained");
    }

    // The next start, told by an abstract name, finds the capture completed in full.
    try (NotifyReceiver systemd = NotifyReceiver.abstractName();
        NodeProcess node =
            NodeProcess.start(
                work, props, Map.of("NOTIFY_SOCKET", systemd.notifySocket()), false)) {
      awaitReady(systemd, node);
      node.awaitReady(Duration.ofSeconds(5));
      String body = node.get("/api/v1/recordings/" + id, key).body();
      assertThat(field(body, "status")).as(body).isEqualTo("completed");
      assertThat(field(body, "truncated")).as(body).isEqualTo("false");
      assertThat(Long.parseLong(field(body, "durationMs")))
          .as(body)
          .isBetween(PACKETS * 20L - 20, PACKETS * 20L + 20);
      assertThat(systemd.count("WATCHDOG=1")).as("no watchdog asked for").isZero();
      assertThat(node.stop(Duration.ofSeconds(60))).isZero();
      assertThat(systemd.first("STOPPING=1")).isNotNull();
    }
  }

  @Test
  void aFailedStartIsNeverReportedReady() throws Exception {
    try (NotifyReceiver systemd = NotifyReceiver.atPath(work.resolve("notify"));
        NodeProcess node =
            NodeProcess.start(
                work,
                Map.of("voxhost.data-dir", work.resolve("data").toString(), "voxhost.roles", "fax"),
                Map.of("NOTIFY_SOCKET", systemd.notifySocket()),
                true)) {
      assertThat(node.awaitExit(START)).as(node.output()).isEqualTo(78);
      // The one line naming the key, printed on stderr outside the logger, is an error to the
      // journal as well (journalctl -p err).
      assertThat(node.output().lines())
          .as(node.output())
          .anyMatch(l -> l.startsWith("<3>voxhost: ") && l.contains("voxhost.roles"));
      // The database had started and the application booted: systemd heard of that, not more.
      assertThat(systemd.notifications()).anyMatch(n -> n.get("STATUS") != null);
      assertThat(systemd.first("READY=1")).as(systemd.notifications().toString()).isNull();
    }
  }

  /** From the first request for more time to READY=1, systemd's deadline never passed. */
  private static void assertExtendedUntilReady(List<Notification> all) {
    Notification extended = null;
    for (Notification n : all) {
      if (extended != null) {
        long deadline =
            extended.nanoTime() + Long.parseLong(extended.get("EXTEND_TIMEOUT_USEC")) * 1000;
        assertThat(n.nanoTime()).as("%s after %s in %s", n, extended, all).isLessThan(deadline);
      }
      if (n.has("READY=1")) {
        assertThat(extended).as(all.toString()).isNotNull();
        return;
      }
      if (n.get("EXTEND_TIMEOUT_USEC") != null) {
        extended = n;
      }
    }
    throw new AssertionError("no READY=1 in " + all);
  }

  private static Notification awaitReady(NotifyReceiver systemd, NodeProcess node) {
    Awaitility.await()
        .atMost(START)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (!node.alive()) {
                throw new IllegalStateException("node exited:\n" + node.output());
              }
              return systemd.first("READY=1") != null;
            });
    return systemd.first("READY=1");
  }

  private static void sendAudio(String session) throws Exception {
    Matcher ports = Pattern.compile("\"port\":(\\d+)").matcher(session);
    assertThat(ports.find()).isTrue();
    int caller = Integer.parseInt(ports.group(1));
    assertThat(ports.find()).isTrue();
    int callee = Integer.parseInt(ports.group(1));
    try (DatagramSocket socket = new DatagramSocket()) {
      for (int i = 0; i < PACKETS; i++) {
        for (int port : new int[] {caller, callee}) {
          byte[] rtp = rtp(i, port);
          socket.send(
              new DatagramPacket(rtp, rtp.length, new InetSocketAddress("127.0.0.1", port)));
        }
        Thread.sleep(20); // paced like a phone: the capture's jitter buffer expects it
      }
    }
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  /** A 20 ms u-law packet; each leg its own SSRC and tone. */
  private static byte[] rtp(int i, int port) {
    ByteBuffer b = ByteBuffer.allocate(12 + 160);
    b.put((byte) 0x80).put((byte) 0).putShort((short) i).putInt(160 * i).putInt(port);
    for (int k = 0; k < 160; k++) {
      b.put((byte) (k * (port % 7 + 1)));
    }
    return b.array();
  }
}
