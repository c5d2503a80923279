package io.voxhost.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The packaged node on its embedded PostgreSQL: first start, clean stop, start again. */
class NodeLifecycleIT {

  private static final Duration START = Duration.ofSeconds(120);
  private final ObjectMapper json = new ObjectMapper();
  private Path work;

  @BeforeEach
  void createWorkDir() throws Exception {
    work = TempDirs.create("lifecycle-");
  }

  @AfterEach
  void deleteWorkDir() throws Exception {
    TempDirs.delete(work);
  }

  @Test
  void keepsTenantsAndKeysAcrossARestartAndStopsItsDatabase() throws Exception {
    Path dataDir = work.resolve("data");
    Map<String, String> props = Map.of("voxhost.data-dir", dataDir.toString());
    String tenantKey;
    try (NodeProcess node = NodeProcess.start(work, props)) {
      node.awaitReady(START);
      assertThat(node.output()).contains("admin key in " + dataDir.resolve("admin.key"));
      assertThat(node.output())
          .doesNotContain(Files.readString(dataDir.resolve("admin.key")).trim());
      String admin = Files.readString(dataDir.resolve("admin.key")).trim();

      HttpResponse<String> created =
          node.post(
              "/api/v1/admin/tenants",
              admin,
              "{\"slug\":\"acme\",\"name\":\"Acme\",\"sipDomain\":\"acme.example.net\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      HttpResponse<String> issued =
          node.post("/api/v1/admin/tenants/acme/keys", admin, "{\"label\":\"restart\"}");
      assertThat(issued.statusCode()).isEqualTo(201);
      tenantKey = json.readTree(issued.body()).get("key").asText();

      assertThat(node.stop(Duration.ofSeconds(60))).isZero();
      assertThat(node.output())
          .contains("Role recording drained", "Role tftp drained", "Role sip drained");
    }
    assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();

    try (NodeProcess node =
        NodeProcess.start(
            work, Map.of("voxhost.data-dir", dataDir.toString(), "voxhost.log.json", "true"))) {
      node.awaitReady(START);
      HttpResponse<String> me = node.get("/api/v1/tenant", tenantKey);
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(json.readTree(me.body()).get("slug").asText()).isEqualTo("acme");
      assertThat(node.output()).doesNotContain("(new)");

      String firstLine = node.output().lines().findFirst().orElseThrow();
      JsonNode logLine = json.readTree(firstLine);
      assertThat(logLine.has("level")).isTrue();
      assertThat(logLine.has("message")).isTrue();
      node.stop(Duration.ofSeconds(60));
    }
  }

  @Test
  void recoversTheDatabaseAfterTheNodeWasKilled() throws Exception {
    Path dataDir = work.resolve("data");
    Map<String, String> props = Map.of("voxhost.data-dir", dataDir.toString());
    try (NodeProcess node = NodeProcess.start(work, props)) {
      node.awaitReady(START);
      ProcessHandle.of(node.pid()).orElseThrow().destroyForcibly();
      node.awaitExit(Duration.ofSeconds(30));
    }
    try (NodeProcess node = NodeProcess.start(work, props)) {
      node.awaitReady(START);
      assertThat(node.output())
          .contains("Stopping the PostgreSQL that an earlier process left running");
      String admin = Files.readString(dataDir.resolve("admin.key")).trim();
      assertThat(node.get("/api/v1/admin/tenants", admin).statusCode()).isEqualTo(200);
      node.stop(Duration.ofSeconds(60));
    }
  }

  @Test
  void finishesInFlightRequestsBeforeItStopsTheDatabase() throws Exception {
    Path dataDir = work.resolve("data");
    try (NodeProcess node =
        NodeProcess.start(work, Map.of("voxhost.data-dir", dataDir.toString()))) {
      node.awaitReady(START);
      String admin = Files.readString(dataDir.resolve("admin.key")).trim();
      byte[] body =
          "{\"slug\":\"late\",\"name\":\"Late\",\"sipDomain\":\"late.example.net\"}"
              .getBytes(StandardCharsets.US_ASCII);
      try (Socket socket = new Socket("127.0.0.1", node.port())) {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /api/v1/admin/tenants HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nAuthorization: Bearer "
                    + admin
                    + "\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, 10);
        out.flush();
        // The node holds the request (the metrics request itself is the other one in flight).
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> activeRequests(node) >= 2);

        ProcessHandle.of(node.pid()).orElseThrow().destroy(); // SIGTERM mid-request
        // Nothing outside the node shows that the signal was taken while it waits for this
        // request (it logs nothing then and takes no new one), so it gets a moment. Had it not
        // been taken yet, the request would still have to be answered: the test cannot pass
        // wrongly, only less sharply.
        Thread.sleep(1_000);
        out.write(body, 10, body.length - 10);
        out.flush();

        String status =
            new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        assertThat(status).isEqualTo("HTTP/1.1 201");
      }
      assertThat(node.awaitExit(Duration.ofSeconds(60))).isZero();
    }
    assertThat(dataDir.resolve("pg/postmaster.pid")).doesNotExist();
    try (NodeProcess node =
        NodeProcess.start(work, Map.of("voxhost.data-dir", dataDir.toString()))) {
      node.awaitReady(START);
      String admin = Files.readString(dataDir.resolve("admin.key")).trim();
      assertThat(node.get("/api/v1/admin/tenants/late", admin).statusCode()).isEqualTo(200);
      node.stop(Duration.ofSeconds(60));
    }
  }

  @Test
  void replacesALostAdminKeyWhenAskedTo() throws Exception {
    Path dataDir = work.resolve("data");
    String oldKey;
    try (NodeProcess node =
        NodeProcess.start(work, Map.of("voxhost.data-dir", dataDir.toString()))) {
      node.awaitReady(START);
      oldKey = Files.readString(dataDir.resolve("admin.key")).trim();
      node.stop(Duration.ofSeconds(60));
    }
    try (NodeProcess node =
        NodeProcess.start(
            work,
            Map.of(
                "voxhost.data-dir", dataDir.toString(), "voxhost.auth.reset-admin-key", "true"))) {
      node.awaitReady(START);
      String newKey = Files.readString(dataDir.resolve("admin.key")).trim();
      assertThat(newKey).isNotEqualTo(oldKey);
      assertThat(node.get("/api/v1/admin/tenants", oldKey).statusCode()).isEqualTo(401);
      assertThat(node.get("/api/v1/admin/tenants", newKey).statusCode()).isEqualTo(200);
      node.stop(Duration.ofSeconds(60));
    }
  }

  /** The node's {@code http_server_active_requests} gauge, this request included. */
  private static double activeRequests(NodeProcess node) throws Exception {
    Matcher m =
        Pattern.compile("(?m)^http_server_active_requests\\{[^}]*\\} ([0-9.]+)$")
            .matcher(node.get("/q/metrics").body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
