package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the packaged server while it captures a call: after the restart the recording is
 * completed from what reached its spool, marked truncated, short of the sent audio by at most the
 * last second, and no temporary file is left behind.
 */
class RecordingCrashIT {

  private static final Duration START = Duration.ofSeconds(120);
  private Path work;

  @BeforeEach
  void setUp() throws Exception {
    work = TempDirs.create("recording-crash-");
  }

  @AfterEach
  void tearDown() throws Exception {
    TempDirs.delete(work);
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",}]+)").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void aCallCapturedWhenTheNodeWasKilledIsCompletedAsTruncatedAfterTheRestart() throws Exception {
    Path dataDir = work.resolve("data");
    Map<String, String> props =
        Map.of(
            "voxhost.data-dir", dataDir.toString(),
            "voxhost.roles", "recording",
            "voxhost.recording.listen", "127.0.0.1:32000-32999");
    String id;
    String key;
    int sentPackets = 150; // 3 s of audio per leg
    try (NodeProcess node = NodeProcess.start(work, props)) {
      node.awaitReady(START);
      String admin = Files.readString(dataDir.resolve("admin.key")).trim();
      String tenant = "{\"slug\":\"crash\",\"name\":\"Crash\",\"sipDomain\":\"crash.example.net\"}";
      assertThat(node.post("/api/v1/admin/tenants", admin, tenant).statusCode()).isEqualTo(201);
      String issued =
          node.post("/api/v1/admin/tenants/crash/keys", admin, "{\"label\":\"it\"}").body();
      key = field(issued, "key");
      HttpResponse<String> session =
          node.post(
              "/api/v1/recordings/sessions",
              key,
              "{\"callId\":\"crash-1\",\"codec\":\"PCMU\","
                  + "\"legs\":[{\"label\":\"caller\"},{\"label\":\"callee\"}]}");
      assertThat(session.statusCode()).isEqualTo(201);
      id = field(session.body(), "id");
      Matcher ports = Pattern.compile("\"port\":(\\d+)").matcher(session.body());
      assertThat(ports.find()).isTrue();
      int callerPort = Integer.parseInt(ports.group(1));
      assertThat(ports.find()).isTrue();
      int calleePort = Integer.parseInt(ports.group(1));
      try (DatagramSocket socket = new DatagramSocket()) {
        for (int i = 0; i < sentPackets; i++) {
          for (int port : new int[] {callerPort, calleePort}) {
            byte[] rtp = rtp(i, port);
            socket.send(
                new DatagramPacket(rtp, rtp.length, new InetSocketAddress("127.0.0.1", port)));
          }
          Thread.sleep(20);
        }
      }
      Thread.sleep(1_200); // past the once-a-second spool write
      ProcessHandle.of(node.pid()).orElseThrow().destroyForcibly();
      node.awaitExit(Duration.ofSeconds(30));
    }
    try (NodeProcess node = NodeProcess.start(work, props)) {
      node.awaitReady(START);
      String body = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        body = node.get("/api/v1/recordings/" + id, key).body();
        if ("completed".equals(field(body, "status"))) {
          break;
        }
        Thread.sleep(200);
      }
      assertThat(field(body, "status")).as(body).isEqualTo("completed");
      assertThat(field(body, "truncated")).isEqualTo("true");
      long duration = Long.parseLong(field(body, "durationMs"));
      assertThat(duration).isBetween(sentPackets * 20L - 1_000, sentPackets * 20L + 100);
      assertThat(node.get("/api/v1/recordings/" + id + ".wav", key).statusCode()).isEqualTo(200);
      try (Stream<Path> files = Files.walk(dataDir.resolve("recordings"))) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.endsWith(".tmp"))
            .noneMatch(n -> n.equals(id)); // the spool is gone
      }
      node.stop(Duration.ofSeconds(60));
    }
  }

  @Test
  void anUploadCutOffByAKillLeavesNoRecordingAndNoFile() throws Exception {
    Path dataDir = work.resolve("data");
    Map<String, String> props =
        Map.of("voxhost.data-dir", dataDir.toString(), "voxhost.roles", "recording");
    String key;
    try (NodeProcess node = NodeProcess.start(work, props)) {
      node.awaitReady(START);
      String admin = Files.readString(dataDir.resolve("admin.key")).trim();
      String tenant = "{\"slug\":\"cut\",\"name\":\"Cut\",\"sipDomain\":\"cut.example.net\"}";
      assertThat(node.post("/api/v1/admin/tenants", admin, tenant).statusCode()).isEqualTo(201);
      key =
          field(
              node.post("/api/v1/admin/tenants/cut/keys", admin, "{\"label\":\"it\"}").body(),
              "key");
      // Half of a 4 MB multipart upload, then the node dies.
      try (java.net.Socket socket = new java.net.Socket("127.0.0.1", node.port())) {
        java.io.OutputStream out = socket.getOutputStream();
        String boundary = "cutcutcut";
        String head =
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n"
                + "{\"codec\":\"PCMU\",\"segments\":[{\"leg\":\"a\",\"format\":\"pcmu\"}]}\r\n"
                + "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"segment0\";"
                + " filename=\"a.ulaw\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        int audio = 4_000_000;
        String tail = "\r\n--" + boundary + "--\r\n";
        out.write(
            ("POST /api/v1/recordings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                    + key
                    + "\r\nContent-Type: multipart/form-data; boundary="
                    + boundary
                    + "\r\nContent-Length: "
                    + (head.length() + audio + tail.length())
                    + "\r\n\r\n"
                    + head)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(new byte[audio / 2]);
        out.flush();
        Thread.sleep(1_000);
        try (Stream<Path> spooled = Files.list(dataDir.resolve("uploads"))) {
          assertThat(spooled.count()).as("the half upload is on disk").isPositive();
        }
        ProcessHandle.of(node.pid()).orElseThrow().destroyForcibly();
        node.awaitExit(Duration.ofSeconds(30));
      }
    }
    try (NodeProcess node = NodeProcess.start(work, props)) {
      node.awaitReady(START);
      assertThat(node.get("/api/v1/recordings", key).body()).contains("\"items\":[]");
      for (String dir : new String[] {"uploads", "recordings"}) {
        Path root = dataDir.resolve(dir);
        if (Files.isDirectory(root)) {
          try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString)).as(dir).isEmpty();
          }
        }
      }
      node.stop(Duration.ofSeconds(60));
    }
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
