package io.voxhost.recording;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.ExternalTool;
import io.voxhost.platform.testing.HeadlessChromium;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /recordings page: its security headers, and in headless Chromium (Debian's {@code chromium},
 * driven over the DevTools protocol) sign-in through the form, listing and playing through a signed
 * link; a key in a link does not sign in, and {@code #play=} takes a recording id only. The browser
 * tests are skipped without Chromium, unless VOXHOST_INTEROP_REQUIRED=1 (CI).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RecordingPageTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String STATUS = "document.getElementById('status').textContent";

  @TestHTTPResource("/recordings")
  URL page;

  @TempDir Path dir;

  @Test
  void thePageAndItsFilesAreServedWithStrictSecurityHeaders() {
    String html =
        guarded(given().get("/recordings").then().contentType("text/html"))
            .body(containsString("<h1>Recordings</h1>"))
            .extract()
            .asString();
    // Nothing inline for the policy to have to allow: the script and the style are files.
    assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)").doesNotContain("<style");
    assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=");
    guarded(given().get("/recordings/page.js").then().contentType("text/javascript"))
        .body(containsString("RECORDING_ID"));
    guarded(given().get("/recordings/page.css").then().contentType("text/css"));
  }

  private static ValidatableResponse guarded(ValidatableResponse response) {
    return response
        .statusCode(200)
        .header(
            "Content-Security-Policy",
            equalTo(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
                    + " media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
                    + " form-action 'self'; frame-ancestors 'none'"))
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer");
  }

  @Test
  void chromiumSignsInThroughTheFormListsAndPlaysARecording() throws Exception {
    ExternalTool.require("chromium");
    TenantKey t = ApiClient.newTenant("page");
    String id = RetentionTest.record(t, 100); // 2 s of audio
    try (HeadlessChromium chromium = HeadlessChromium.start(profile())) {
      chromium.open(page + "#play=" + id);
      assertThat(chromium.text("location.hash")).isEmpty();
      signIn(chromium, t.key());
      await()
          .atMost(PATIENCE)
          .until(() -> chromium.text("document.body.innerHTML").contains("data-id=\"" + id + "\""));
      Pattern playing =
          Pattern.compile("playing " + id + " duration=([0-9.]+) currentTime=([0-9.]+)");
      await().atMost(PATIENCE).until(() -> playing.matcher(chromium.text(STATUS)).find());
      Matcher m = playing.matcher(chromium.text(STATUS));
      assertThat(m.find()).isTrue();
      double duration = Double.parseDouble(m.group(1));
      double currentTime = Double.parseDouble(m.group(2));
      assertThat(duration > 1.9 || currentTime > 0)
          .as("duration %s, currentTime %s", duration, currentTime)
          .isTrue();
      // The key lives in this tab's session storage, nowhere else the page can write.
      assertThat(chromium.text("sessionStorage.getItem('voxhost.key')")).isEqualTo(t.key());
      assertThat(chromium.text("localStorage.length")).isEqualTo("0");
      assertThat(chromium.text("document.cookie")).isEmpty();
    }
  }

  @Test
  void aKeyInALinkDoesNotSignIn() throws Exception {
    ExternalTool.require("chromium");
    TenantKey t = ApiClient.newTenant("page-link");
    try (HeadlessChromium chromium = HeadlessChromium.start(profile())) {
      chromium.open(page + "#key=" + t.key());
      awaitShown(chromium);
      assertThat(chromium.text(visible("signin"))).isEqualTo("true");
      assertThat(chromium.text(visible("app"))).isEqualTo("false");
      assertThat(chromium.text("sessionStorage.getItem('voxhost.key')")).isNull();
      // And the key has left the address bar (and so the history entry).
      assertThat(chromium.text("location.href")).doesNotContain(t.key());
    }
  }

  @Test
  void playWithAnythingButARecordingIdDoesNothing() throws Exception {
    ExternalTool.require("chromium");
    TenantKey t = ApiClient.newTenant("page-play");
    String id = RetentionTest.record(t, 50);
    try (HeadlessChromium chromium = HeadlessChromium.start(profile())) {
      chromium.open(page.toString());
      signIn(chromium, t.key());
      for (String payload :
          List.of(
              "javascript:window.pwned=1",
              "<img src=x onerror=window.pwned=1>",
              "../../api/v1/admin/tenants",
              id + "/../" + id,
              id + "x")) {
        chromium.open(page + "#play=" + URLEncoder.encode(payload, StandardCharsets.UTF_8));
        await()
            .atMost(PATIENCE)
            .until(() -> chromium.text("document.body.innerHTML").contains("data-id=\"" + id));
        // Time for a play to have begun, had it been tried: a signed link is one local request.
        await()
            .during(Duration.ofSeconds(1))
            .atMost(Duration.ofSeconds(3))
            .until(() -> !chromium.text(STATUS).contains("play"));
        assertThat(chromium.text("document.getElementById('player').getAttribute('src')"))
            .as(payload)
            .isNull();
        assertThat(chromium.text("typeof window.pwned")).isEqualTo("undefined");
      }
    }
  }

  /** Whether the element {@code id} is shown, as an expression. */
  private static String visible(String id) {
    return "!document.getElementById('" + id + "').classList.contains('hidden')";
  }

  private Path profile() throws Exception {
    return Files.createTempDirectory(dir, "chromium");
  }

  /** Pastes {@code key} into the sign-in form and submits it, as a person would. */
  private static void signIn(HeadlessChromium chromium, String key) throws Exception {
    awaitShown(chromium);
    assertThat(chromium.text(visible("signin"))).isEqualTo("true");
    chromium.evaluate(
        "document.getElementById('key').value = "
            + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(key)
            + "; document.getElementById('signin').requestSubmit(); true");
    await().atMost(PATIENCE).until(() -> "true".equals(chromium.text(visible("app"))));
  }

  /** Waits until the page's script has chosen between the sign-in form and the app. */
  private static void awaitShown(HeadlessChromium chromium) throws Exception {
    await()
        .atMost(PATIENCE)
        .until(() -> "true".equals(chromium.text(visible("signin") + " || " + visible("app"))));
  }
}
