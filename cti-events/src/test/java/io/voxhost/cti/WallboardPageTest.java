package io.voxhost.cti;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.voxhost.platform.api.WebPage;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.ExternalTool;
import io.voxhost.platform.testing.HeadlessChromium;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /wallboard page: its security headers, and in headless Chromium (Debian's {@code chromium})
 * sign-in through the form and a queue call shown waiting, then answered and counted, live. The
 * browser test is skipped without Chromium, unless VOXHOST_INTEROP_REQUIRED=1 (CI).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class WallboardPageTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @TestHTTPResource("/wallboard")
  URL page;

  @TempDir Path dir;

  @Test
  void thePageAndItsFilesAreServedWithStrictSecurityHeaders() {
    String html =
        guarded(given().get("/wallboard").then().contentType("text/html"))
            .body(containsString("<h1>Wallboard</h1>"))
            .extract()
            .asString();
    assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style");
    assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=");
    guarded(given().get("/wallboard/wallboard.js").then().contentType("text/javascript"))
        .body(containsString("/api/v1/cti/live"));
    guarded(given().get("/wallboard/wallboard.css").then().contentType("text/css"));
  }

  private static ValidatableResponse guarded(ValidatableResponse response) {
    return response
        .statusCode(200)
        .header("Content-Security-Policy", equalTo(WebPage.CONTENT_SECURITY_POLICY))
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer");
  }

  private static Map<String, Object> event(
      String id, Instant at, String type, Map<String, String> more) {
    Map<String, Object> e = new HashMap<>(more);
    e.put("source", "switch");
    e.put("instance", "pbx1");
    e.put("id", id);
    e.put("at", at.toString());
    e.put("type", type);
    e.put("call", "w1");
    e.put("channel", "w1");
    return e;
  }

  private static String cell(String queue, String column) {
    return "(() => { const r = document.querySelector('#queues tr[data-queue=\""
        + queue
        + "\"] td."
        + column
        + "'); return r ? r.textContent : null; })()";
  }

  @Test
  void chromiumSignsInAndShowsAQueueCallWaitingThenAnswered() throws Exception {
    ExternalTool.require("chromium");
    TenantKey t = ApiClient.newTenant("wallboard");
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.MINUTES);
    try (HeadlessChromium chromium = HeadlessChromium.start(Files.createTempDirectory(dir, "c"))) {
      chromium.open(page.toString());
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  "true"
                      .equals(
                          chromium.text(
                              "!document.getElementById('signin').classList.contains('hidden')")));
      chromium.evaluate(
          "document.getElementById('key').value = "
              + new ObjectMapper().writeValueAsString(t.key())
              + "; document.getElementById('signin').requestSubmit(); true");
      await()
          .atMost(PATIENCE)
          .until(() -> "live".equals(chromium.text("document.getElementById('live').textContent")));

      LiveApiTest.send(
          t,
          List.of(
              event("1", start, "channel-start", Map.of("number", "+14155550100")),
              event("2", start.plusSeconds(1), "queue-enter", Map.of("queue", "sales"))));
      await().atMost(PATIENCE).until(() -> "1".equals(chromium.text(cell("sales", "waiting"))));

      LiveApiTest.send(
          t,
          List.of(
              event(
                  "3",
                  start.plusSeconds(6),
                  "queue-connect",
                  Map.of("queue", "sales", "agent", "Agent Carol")),
              event("4", start.plusSeconds(30), "call-end", Map.of())));
      await().atMost(PATIENCE).until(() -> "1".equals(chromium.text(cell("sales", "answered"))));
      assertThat(chromium.text(cell("sales", "waiting"))).isEqualTo("0");
      assertThat(chromium.text(cell("sales", "asa"))).isEqualTo("5 s");
      assertThat(chromium.text(cell("sales", "sl"))).isEqualTo("100 %");
      assertThat(chromium.text("document.getElementById('total-offered').textContent"))
          .isEqualTo("1");
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  "answered"
                      .equals(
                          chromium.text("document.querySelector('#calls td.state')?.textContent")));
    }
  }
}
