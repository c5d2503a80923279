package io.voxhost.platform.api;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.voxhost.platform.testing.BodySender;
import io.voxhost.platform.testing.BodySender.Answer;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Body limits by path against the real server with its default settings: 10M everywhere but the
 * declared import paths, which take 64M (a CSV of a million rows is about 36 MB).
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class BodyLimitsTest {

  private static final long LIMIT = 10L * 1024 * 1024;
  private static final long ELEVEN_MB = 11L * 1024 * 1024;

  @AfterEach
  void theServerStillServes() {
    given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    String slug = TestData.name("after");
    as(adminKey())
        .body(Map.of("slug", slug, "name", "After Ltd", "sipDomain", slug + ".example.net"))
        .post("/api/v1/admin/tenants")
        .then()
        .statusCode(201);
  }

  @Test
  void anElevenMegabyteBodyToAJsonPathIs413ProblemJson() {
    Answer answer =
        BodySender.post("/api/v1/admin/tenants", adminKey(), ELEVEN_MB, true, ELEVEN_MB);
    assertTooLarge(answer, LIMIT);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() {
    Answer answer = BodySender.post("/api/v1/imports/notes", adminKey(), ELEVEN_MB, true, 0);
    assertTooLarge(answer, LIMIT);
  }

  @Test
  void aChunkedBodyOverTheLimitToAnOrdinaryPathIsRefusedOnceItPassesIt() {
    // One byte past the limit, then the client waits: the server counted it and answered.
    Answer answer =
        BodySender.post("/api/v1/imports/notes", adminKey(), ELEVEN_MB, false, LIMIT + 1);
    assertTooLarge(answer, LIMIT);
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefusedOnAStreamingOrdinaryPathToo() {
    Answer answer =
        BodySender.post("/api/v1/imports/stream", adminKey(), ELEVEN_MB, false, LIMIT + 1);
    assertTooLarge(answer, LIMIT);
  }

  @Test
  void aChunkedBodyUnderTheLimitReachesTheResourceWhole() {
    long size = 3L * 1024 * 1024 + 7;
    Answer whole = BodySender.post("/api/v1/imports/notes", adminKey(), size, false, size);
    assertThat(whole.status()).as(whole.head()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(Long.toString(size));
    Answer streamed = BodySender.post("/api/v1/imports/stream", adminKey(), size, false, size);
    assertThat(streamed.status()).as(streamed.head()).isEqualTo(200);
    assertThat(streamed.body()).isEqualTo(Long.toString(size));
  }

  @Test
  void aChunkedJsonBodyIsReadAsUsual() throws Exception {
    String slug = TestData.name("chunked");
    byte[] json =
        ("{\"slug\":\""
                + slug
                + "\",\"name\":\"Chunked Ltd\",\"sipDomain\":\""
                + slug
                + ".ex.net\"}")
            .getBytes(StandardCharsets.UTF_8);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/admin/tenants"))
            .header("Authorization", "Bearer " + adminKey())
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            // A body of unknown length goes chunked.
            .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(json)))
            .build();
    HttpResponse<String> response = client.send(request, BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(response.body()).contains("\"slug\":\"" + slug + "\"");
  }

  @Test
  void anHttp2ClientIsServedWithAndWithoutABody() throws Exception {
    // The JDK client asks for HTTP/2 (h2c upgrade on plain HTTP), where a body has no length.
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    String base = "http://127.0.0.1:" + RestAssured.port;
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> list =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/tenants"))
                  .header("Authorization", "Bearer " + adminKey())
                  .timeout(Duration.ofSeconds(30))
                  .GET()
                  .build(),
              BodyHandlers.ofString());
      assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
      byte[] body = "1234567".getBytes(StandardCharsets.US_ASCII);
      HttpResponse<String> posted =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/imports/notes"))
                  .header("Authorization", "Bearer " + adminKey())
                  .header("Content-Type", "text/csv")
                  .timeout(Duration.ofSeconds(30))
                  .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                  .build(),
              BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
      assertThat(posted.body()).isEqualTo("7");
    }
    // Over HTTP/2 a body of unknown length past the ordinary limit is cut by Quarkus REST's
    // counter.
    byte[] big = new byte[(int) LIMIT + 1];
    HttpResponse<String> refused =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/imports/stream"))
                .header("Authorization", "Bearer " + adminKey())
                .header("Content-Type", "text/csv")
                .timeout(Duration.ofSeconds(60))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(),
            BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(413);
  }

  @Test
  void anImportPathTakesMoreThanTenMegabytesDeclaredOrChunked() {
    long size = 12L * 1024 * 1024;
    Answer declared = BodySender.post("/api/v1/imports/csv", adminKey(), size, true, size);
    assertThat(declared.status()).as(declared.head()).isEqualTo(200);
    assertThat(declared.body()).isEqualTo(Long.toString(size));
    Answer chunked = BodySender.post("/api/v1/imports/csv", adminKey(), size, false, size);
    assertThat(chunked.status()).as(chunked.head()).isEqualTo(200);
    assertThat(chunked.body()).isEqualTo(Long.toString(size));
  }

  @Test
  void anImportPathRefusesADeclaredLengthOverItsOwnLimit() {
    long over = 64L * 1024 * 1024 + 1;
    Answer answer = BodySender.post("/api/v1/imports/csv", adminKey(), over, true, 0);
    assertTooLarge(answer, 64L * 1024 * 1024);
  }

  private static void assertTooLarge(Answer answer, long limit) {
    assertThat(answer.status()).as(answer.head()).isEqualTo(413);
    assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(answer.body())
        .contains("\"status\":413")
        .contains("body-too-large")
        .contains("limit of " + limit + " bytes");
  }
}
