package io.voxhost.recording;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.ExternalTool;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /recordings page in headless Chromium (Debian's {@code chromium}): it signs in with a key,
 * lists a recording the test made, and plays it through a signed link until the audio element
 * reports its duration. Skipped without Chromium, unless VOXHOST_INTEROP_REQUIRED=1 (CI).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RecordingPageTest {

  @TestHTTPResource("/recordings")
  URL page;

  @TempDir Path dir;

  @Test
  void thePageIsServed() {
    given()
        .get("/recordings")
        .then()
        .statusCode(200)
        .contentType("text/html")
        .body(org.hamcrest.Matchers.containsString("<h1>Recordings</h1>"));
  }

  @Test
  void chromiumListsAndPlaysARecording() throws Exception {
    ExternalTool.require("chromium");
    TenantKey t = ApiClient.newTenant("page");
    String id = RetentionTest.record(t, 100); // 2 s of audio
    String url = page + "#key=" + t.key() + "&play=" + id;
    // Headless Chromium's virtual time does not wait for a media element's own loading, so the
    // DOM can be dumped before the audio reports; each run must list the recording, and one of
    // three must have played it.
    Pattern playing =
        Pattern.compile("playing " + id + " duration=([0-9.]+) currentTime=([0-9.]+)");
    Matcher m = null;
    String dom = "";
    for (int run = 0; run < 3 && (m == null || !m.find(0)); run++) {
      dom = dumpDom(url);
      assertThat(dom).contains("data-id=\"" + id + "\"");
      m = playing.matcher(dom);
    }
    assertThat(m.find(0)).as(dom).isTrue();
    double duration = Double.parseDouble(m.group(1));
    double currentTime = Double.parseDouble(m.group(2));
    assertThat(duration > 1.9 || currentTime > 0)
        .as("duration %s, currentTime %s", duration, currentTime)
        .isTrue();
  }

  private String dumpDom(String url) throws Exception {
    Path profile = Files.createTempDirectory(dir, "chromium");
    Process chromium =
        new ProcessBuilder(
                List.of(
                    "chromium",
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile,
                    "--autoplay-policy=no-user-gesture-required",
                    "--virtual-time-budget=15000",
                    "--dump-dom",
                    url))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      fail("chromium did not finish");
    }
    return dom;
  }
}
