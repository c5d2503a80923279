package io.voxhost.recording;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.service.LinkSigner;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signed download links: one recording, one mix, until they expire; and the access log. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LinksTest {

  @Inject LinkSigner signer;

  @Test
  void aSignedLinkServesItsRecordingWithoutAKeyAndNothingElse() throws Exception {
    TenantKey t = ApiClient.newTenant("links");
    String id = RetentionTest.record(t, 25);
    String other = RetentionTest.record(t, 10);
    byte[] viaApi =
        as(t.key())
            .get("/api/v1/recordings/" + id + ".wav")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();

    String url =
        as(t.key())
            .body(Map.of("minutes", 5))
            .post("/api/v1/recordings/" + id + "/links")
            .then()
            .statusCode(201)
            .extract()
            .path("url");
    assertThat(given().get(url).then().statusCode(200).extract().asByteArray()).isEqualTo(viaApi);
    given().header("Range", "bytes=0-9").get(url).then().statusCode(206);

    // Tampering: another recording, another mix, a later expiry, a changed signature.
    given().get(url.replace(id, other)).then().statusCode(403);
    given().get(url.replace("mix=channels", "mix=mono")).then().statusCode(403);
    String expires = url.replaceAll(".*expires=(\\d+).*", "$1");
    given()
        .get(url.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 3600)))
        .then()
        .statusCode(403);
    String sig = url.replaceAll(".*sig=", "");
    String altered = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
    given().get(url.replace("sig=" + sig, "sig=" + altered)).then().statusCode(403);
    given().get(url.replaceAll("&sig=.*", "")).then().statusCode(403);

    // Expired: a genuine signature for a time already past.
    long past = Instant.now().getEpochSecond() - 1;
    given()
        .get(
            "/recordings/download/"
                + id
                + ".wav?mix=channels&expires="
                + past
                + "&sig="
                + signer.sign(UUID.fromString(id), "channels", past))
        .then()
        .statusCode(410);

    // A mono link plays the mono mix.
    String mono =
        as(t.key())
            .body(Map.of("mix", "mono"))
            .post("/api/v1/recordings/" + id + "/links")
            .then()
            .statusCode(201)
            .extract()
            .path("url");
    given()
        .get(mono)
        .then()
        .statusCode(200)
        .header("Content-Disposition", org.hamcrest.Matchers.containsString(".mono.wav"));

    // Another tenant can neither link nor see the log; a deleted recording's link is dead.
    TenantKey stranger = ApiClient.newTenant("links-other");
    as(stranger.key())
        .body(Map.of())
        .post("/api/v1/recordings/" + id + "/links")
        .then()
        .statusCode(404);
    as(t.key())
        .body(Map.of("minutes", 0))
        .post("/api/v1/recordings/" + id + "/links")
        .then()
        .statusCode(400);
    as(t.key()).delete("/api/v1/recordings/" + id).then().statusCode(204);
    given().get(url).then().statusCode(404);

    List<Map<String, Object>> log =
        as(t.key())
            .get("/api/v1/recordings/access-log?recordingId=" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(log)
        .extracting(e -> e.get("action") + "/" + e.get("via"))
        .containsSubsequence(
            "delete/api", "download/link", "link/api", "download/link", "link/api", "download/api");
    assertThat(
            as(stranger.key())
                .get("/api/v1/recordings/access-log")
                .then()
                .extract()
                .jsonPath()
                .getList("$"))
        .isEmpty();
  }
}
