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
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The completion webhook: retried until the receiver takes it, signed with the tenant's secret. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class WebhookTest {

  @Test
  void aCompletedRecordingIsNotifiedAfterRetriesWithAValidSignature() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> signatures = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int n = calls.incrementAndGet();
          if (n >= 3) {
            bodies.add(new String(body, StandardCharsets.UTF_8));
            signatures.add(exchange.getRequestHeaders().getFirst("X-Voxhost-Signature"));
          }
          exchange.sendResponseHeaders(n < 3 ? 500 : 204, -1);
          exchange.close();
        });
    receiver.start();
    try {
      TenantKey t = ApiClient.newTenant("hook");
      String secret = "a-secret-of-sixteen-or-more";
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
      as(t.key())
          .body(Map.of("webhookUrl", "ftp://nope"))
          .put("/api/v1/recordings/settings")
          .then()
          .statusCode(400);
      as(t.key())
          .body(Map.of("webhookUrl", url, "webhookSecret", secret))
          .put("/api/v1/recordings/settings")
          .then()
          .statusCode(200)
          .body("webhookSecretSet", org.hamcrest.Matchers.equalTo(true))
          .body("webhookSecret", org.hamcrest.Matchers.nullValue());
      String id = RetentionTest.record(t, 10);
      await().atMost(Duration.ofSeconds(10)).until(() -> bodies.size() == 1);
      assertThat(calls.get()).isEqualTo(3);
      assertThat(bodies.get(0))
          .contains("\"event\":\"recording.completed\"")
          .contains("\"status\":\"completed\"")
          .contains(id);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          "sha256="
              + HexFormat.of()
                  .formatHex(mac.doFinal(bodies.get(0).getBytes(StandardCharsets.UTF_8)));
      assertThat(signatures.get(0)).isEqualTo(expected);
    } finally {
      receiver.stop(0);
    }
  }
}
