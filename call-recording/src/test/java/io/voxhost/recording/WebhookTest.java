package io.voxhost.recording;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.service.CompletionWebhooks;
import io.voxhost.recording.service.Recording;
import io.voxhost.recording.service.RecordingStatus;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hamcrest.Matchers;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The completion webhook: retried until the receiver takes it, signed with the tenant's secret and
 * a timestamp, each tenant in its own lane. Receivers listen on loopback, which this profile allows
 * ({@code voxhost.webhooks.allow-private-targets=true} in the test properties).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
public class WebhookTest {

  static final String SECRET = "a-secret-of-sixteen-or-more";

  @Inject CompletionWebhooks webhooks;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String database;

  /** A loopback receiver that records each notice and answers with {@code status}. */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> signatures = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();

    Receiver(java.util.function.IntUnaryOperator status) throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int n = calls.incrementAndGet();
            int answer = status.applyAsInt(n);
            if (answer < 300) {
              bodies.add(new String(body, StandardCharsets.UTF_8));
              signatures.add(exchange.getRequestHeaders().getFirst(CompletionWebhooks.SIGNATURE));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
          });
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static UUID tenantId(TenantKey t) {
    return UUID.fromString(as(t.key()).get("/api/v1/tenant").then().extract().path("id"));
  }

  static void saveWebhook(TenantKey t, Map<String, Object> settings) {
    as(t.key()).body(settings).put("/api/v1/recordings/settings").then().statusCode(200);
  }

  /** A completed recording as the service hands it over; no audio behind it. */
  public static Recording completed(UUID tenantId) {
    Instant now = Instant.now();
    return new Recording(
        UUID.randomUUID(),
        tenantId,
        "call-" + UUID.randomUUID(),
        "100",
        "200",
        "inbound",
        "PCMU",
        "capture",
        RecordingStatus.COMPLETED,
        false,
        now,
        1000L,
        1,
        8044L,
        "00",
        "x.wav",
        "[]",
        "{}",
        null,
        now,
        now,
        null);
  }

  /**
   * How a receiver checks a notice (as src/docs/recording.md tells it): the signed timestamp is
   * within {@code tolerance} of now and the HMAC of "t.body" matches.
   */
  static boolean verifies(String header, String body, String secret, Duration tolerance)
      throws Exception {
    String t = null;
    String v1 = null;
    for (String part : header.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv[0].equals("t")) {
        t = kv[1];
      } else if (kv[0].equals("v1")) {
        v1 = kv[1];
      }
    }
    if (t == null || v1 == null) {
      return false;
    }
    long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t));
    if (age > tolerance.toSeconds()) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
    return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
  }

  @Test
  void aCompletedRecordingIsNotifiedAfterRetriesWithAValidSignature() throws Exception {
    try (Receiver receiver = new Receiver(n -> n < 3 ? 500 : 204)) {
      TenantKey t = ApiClient.newTenant("hook");
      as(t.key())
          .body(Map.of("webhookUrl", "ftp://nope"))
          .put("/api/v1/recordings/settings")
          .then()
          .statusCode(400);
      as(t.key())
          .body(Map.of("webhookUrl", receiver.url("/hook"), "webhookSecret", SECRET))
          .put("/api/v1/recordings/settings")
          .then()
          .statusCode(200)
          .body("webhookSecretSet", Matchers.equalTo(true))
          .body("webhookSecret", Matchers.nullValue());
      String id = RetentionTest.record(t, 10);
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.bodies.size() == 1);
      assertThat(receiver.calls.get()).isEqualTo(3);
      String body = receiver.bodies.get(0);
      assertThat(body)
          .contains("\"event\":\"recording.completed\"")
          .contains("\"status\":\"completed\"")
          .contains(id);
      String signature = receiver.signatures.get(0);
      assertThat(signature).matches("t=[0-9]+,v1=[0-9a-f]{64}");
      assertThat(verifies(signature, body, SECRET, Duration.ofMinutes(5))).isTrue();
      // Another secret does not verify; neither does the same body under another timestamp.
      assertThat(verifies(signature, body, SECRET + "x", Duration.ofMinutes(5))).isFalse();
      String replayed = signature.replaceFirst("t=[0-9]+", "t=1700000000");
      assertThat(verifies(replayed, body, SECRET, Duration.ofDays(36_500))).isFalse();
      assertThat(verifies(replayed, body, SECRET, Duration.ofMinutes(5))).isFalse();
    }
  }

  @Test
  void aPutThatLeavesOutTheSecretKeepsTheStoredOne() throws Exception {
    try (Receiver receiver = new Receiver(n -> 204)) {
      TenantKey t = ApiClient.newTenant("hook-keep");
      UUID tenant = tenantId(t);
      saveWebhook(t, Map.of("webhookUrl", receiver.url("/first"), "webhookSecret", SECRET));
      // The settings as read back carry no secret; writing them back with a new URL keeps it.
      as(t.key())
          .body(Map.of("webhookUrl", receiver.url("/second"), "monoAtCompletion", true))
          .put("/api/v1/recordings/settings")
          .then()
          .statusCode(200)
          .body("webhookSecretSet", Matchers.equalTo(true));
      webhooks.completed(completed(tenant));
      await().atMost(Duration.ofSeconds(5)).until(() -> receiver.bodies.size() == 1);
      assertThat(
              verifies(
                  receiver.signatures.get(0),
                  receiver.bodies.get(0),
                  SECRET,
                  Duration.ofMinutes(1)))
          .isTrue();
      // An empty secret removes it: notices go unsigned.
      as(t.key())
          .body(Map.of("webhookUrl", receiver.url("/third"), "webhookSecret", ""))
          .put("/api/v1/recordings/settings")
          .then()
          .statusCode(200)
          .body("webhookSecretSet", Matchers.equalTo(false));
      webhooks.completed(completed(tenant));
      await().atMost(Duration.ofSeconds(5)).until(() -> receiver.bodies.size() == 2);
      assertThat(receiver.signatures.get(1)).isNull();
    }
  }

  @Test
  void logsNeverShowTheUrlsUserinfoOrQuery() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            lines.add(r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger(CompletionWebhooks.class.getName());
    log.addHandler(capture);
    try (Receiver receiver = new Receiver(n -> 500)) {
      TenantKey t = ApiClient.newTenant("hook-log");
      String url =
          "http://hookuser:hookpass@127.0.0.1:"
              + receiver.server.getAddress().getPort()
              + "/in?token=query-secret-123";
      saveWebhook(t, Map.of("webhookUrl", url));
      webhooks.completed(completed(tenantId(t)));
      await()
          .atMost(Duration.ofSeconds(15))
          .until(() -> lines.stream().anyMatch(l -> l.contains("failed 6 times")));
      assertThat(receiver.calls.get()).isEqualTo(6);
      assertThat(lines)
          .anySatisfy(l -> assertThat(l).contains("http://127.0.0.1:").contains("/in?..."))
          .allSatisfy(
              l ->
                  assertThat(l)
                      .doesNotContain("query-secret-123")
                      .doesNotContain("hookpass")
                      .doesNotContain("hookuser"));
    } finally {
      log.removeHandler(capture);
    }
  }

  /**
   * Even where private targets are allowed, no tenant makes the node speak HTTP to its database.
   */
  @Test
  void refusesTheDatabasesAddressEvenWithPrivateTargetsAllowed() {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("//([^/:]+):([0-9]+)/").matcher(database);
    assertThat(m.find()).as(database).isTrue();
    TenantKey t = ApiClient.newTenant("hook-db");
    for (String host : List.of(m.group(1), "localhost", "[::ffff:127.0.0.1]")) {
      as(t.key())
          .body(Map.of("webhookUrl", "http://" + host + ":" + m.group(2) + "/"))
          .put("/api/v1/recordings/settings")
          .then()
          .statusCode(400)
          .contentType(Matchers.containsString("application/problem+json"))
          .body("errors.field", Matchers.hasItem("webhookUrl"))
          .body(
              "errors.find { it.field == 'webhookUrl' }.message",
              Matchers.containsString("database"));
    }
  }

  /**
   * The attack: tenant A's receiver accepts connections and never answers. A's sends (two at once)
   * hang for their 10 s answer timeout and its other notices wait behind them, but tenant B's
   * notice arrives at once: the lanes are the tenants' own.
   */
  @Test
  void aTenantWhoseReceiverNeverAnswersDelaysOnlyItself() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Receiver b = new Receiver(n -> 204)) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // read nothing, answer nothing
                  }
                } catch (IOException e) {
                  // closed at the end of the test
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      TenantKey a = ApiClient.newTenant("hook-stuck");
      TenantKey tb = ApiClient.newTenant("hook-fine");
      saveWebhook(a, Map.of("webhookUrl", "http://127.0.0.1:" + silent.getLocalPort() + "/a"));
      saveWebhook(tb, Map.of("webhookUrl", b.url("/b")));
      UUID tenantA = tenantId(a);
      for (int i = 0; i < 6; i++) {
        webhooks.completed(completed(tenantA));
      }
      await().atMost(Duration.ofSeconds(3)).until(() -> held.size() == 2);
      webhooks.completed(completed(tenantId(tb)));
      // Well inside A's 10 s answer timeout, with A still stuck on its two (one shared queue
      // would have B wait behind A's sends).
      await().atMost(Duration.ofSeconds(3)).until(() -> b.bodies.size() == 1);
      assertThat(held).hasSize(2);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
