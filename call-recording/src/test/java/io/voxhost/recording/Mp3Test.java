package io.voxhost.recording;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings as MP3, through the API and through signed links, read back by ffprobe. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class Mp3Test {

  @TempDir Path dir;

  /** Uploads one 1.5 s reference segment per leg; returns the recording's id. */
  private String upload(TenantKey t, String... legs) throws Exception {
    Path raw = dir.resolve("caller.ulaw");
    Files.write(raw, CaptureTest.ref("caller.ulaw"));
    StringBuilder segments = new StringBuilder();
    var request = as(t.key()).contentType("multipart/form-data");
    for (int i = 0; i < legs.length; i++) {
      segments.append(i == 0 ? "" : ",");
      segments.append("{\"leg\":\"" + legs[i] + "\",\"offsetMs\":0,\"format\":\"pcmu\"}");
      request = request.multiPart("segment" + i, raw.toFile(), "application/octet-stream");
    }
    return request
        .multiPart(
            "metadata", "{\"codec\":\"PCMU\",\"segments\":[" + segments + "]}", "application/json")
        .post("/api/v1/recordings")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private String probe(byte[] mp3) throws Exception {
    Path file = Files.write(Files.createTempFile(dir, "x", ".mp3"), mp3);
    return ExternalTool.run(
        List.of(
            "ffprobe",
            "-v",
            "error",
            "-show_entries",
            "stream=codec_name,sample_rate,channels,duration",
            "-of",
            "default=nw=1",
            file.toString()));
  }

  @Test
  void legsAsStereoAndTheMixAsMonoWithEtagAndIsolation() throws Exception {
    ExternalTool.require("ffprobe");
    TenantKey t = ApiClient.newTenant("mp3");
    TenantKey other = ApiClient.newTenant("mp3-other");
    String path = "/api/v1/recordings/" + upload(t, "caller", "callee");

    ExtractableResponse<Response> stereo =
        as(t.key()).get(path + ".mp3").then().statusCode(200).extract();
    assertThat(stereo.contentType()).isEqualTo("audio/mpeg");
    assertThat(stereo.header("Accept-Ranges")).isEqualTo("none");
    assertThat(stereo.header("Content-Disposition")).endsWith(".mp3\"");
    String info = probe(stereo.asByteArray());
    assertThat(info).contains("codec_name=mp3", "sample_rate=8000", "channels=2");
    double seconds = Double.parseDouble(info.replaceAll("(?s).*duration=([0-9.]+).*", "$1"));
    assertThat(seconds).isBetween(1.45, 1.8);

    byte[] mono =
        as(t.key()).get(path + ".mp3?mix=mono").then().statusCode(200).extract().asByteArray();
    assertThat(probe(mono)).contains("channels=1");

    String etag = stereo.header("ETag");
    assertThat(etag)
        .isNotEqualTo(as(t.key()).get(path + ".mp3?mix=mono").then().extract().header("ETag"));
    as(t.key()).header("If-None-Match", etag).get(path + ".mp3").then().statusCode(304);
    // Range is not offered on an encoded stream: the whole of it, 200.
    as(t.key()).header("Range", "bytes=0-99").get(path + ".mp3").then().statusCode(200);
    as(other.key()).get(path + ".mp3").then().statusCode(404);
    as(t.key()).get(path + ".ogg").then().statusCode(404);
    as(t.key()).get(path + ".mp3?mix=loud").then().statusCode(400);
  }

  @Test
  void aSignedLinkPlaysTheMp3AndTheDownloadIsLogged() throws Exception {
    ExternalTool.require("ffprobe");
    TenantKey t = ApiClient.newTenant("mp3-link");
    String id = upload(t, "caller", "callee");
    String url =
        as(t.key())
            .body(Map.of("minutes", 5, "format", "mp3", "mix", "mono"))
            .post("/api/v1/recordings/" + id + "/links")
            .then()
            .statusCode(201)
            .extract()
            .path("url");
    assertThat(url).contains(id + ".mp3?mix=mono");
    byte[] mp3 = given().get(url).then().statusCode(200).extract().asByteArray();
    assertThat(probe(mp3)).contains("channels=1");
    // The signature binds recording, mix and expiry: another mix is refused.
    given().get(url.replace("mix=mono", "mix=channels")).then().statusCode(403);
    as(t.key())
        .body(Map.of("format", "flac"))
        .post("/api/v1/recordings/" + id + "/links")
        .then()
        .statusCode(400);
    List<Map<String, Object>> log =
        as(t.key())
            .get("/api/v1/recordings/access-log?recordingId=" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(log)
        .anySatisfy(
            e -> assertThat(e).containsEntry("action", "download").containsEntry("via", "link"));
  }

  @Test
  void moreThanTwoLegsAreMp3OnlyAsTheMix() throws Exception {
    TenantKey t = ApiClient.newTenant("mp3-three");
    String path = "/api/v1/recordings/" + upload(t, "a", "b", "c");
    as(t.key()).get(path + ".mp3").then().statusCode(400);
    as(t.key()).get(path + ".mp3?mix=mono").then().statusCode(200).contentType("audio/mpeg");
  }
}
