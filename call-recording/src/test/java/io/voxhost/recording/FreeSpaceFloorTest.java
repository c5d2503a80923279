package io.voxhost.recording;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.service.RecordingFiles;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose recordings volume is below its free-space floor: the floor is configured above any
 * real volume's free space (the real file store is read, nothing is faked). New captures and
 * uploads get 507 and write nothing, readiness stays UP and says why, refusals are counted.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@TestProfile(FreeSpaceFloorTest.FloorAboveFreeSpace.class)
class FreeSpaceFloorTest {

  /** A floor of 8 EiB: more than any volume has free. */
  public static class FloorAboveFreeSpace implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("voxhost.recording.free-space-floor.bytes", Long.toString(Long.MAX_VALUE));
    }
  }

  @Inject RecordingFiles files;

  @TempDir Path dir;

  @Test
  void belowTheFloorCapturesAndUploadsAreRefusedWith507AndReadinessSaysWhy() throws Exception {
    TenantKey t = ApiClient.newTenant("floor");
    java.util.Set<String> before = onDisk();
    double sessionsRefused = refusals("session");
    double uploadsRefused = refusals("upload");

    Response session =
        as(t.key())
            .body(Map.of("codec", "PCMU", "legs", List.of(Map.of("label", "caller"))))
            .post("/api/v1/recordings/sessions");
    session.then().statusCode(507).contentType("application/problem+json");
    assertThat(session.jsonPath().getString("type"))
        .isEqualTo("https://voxhost.io/problems/insufficient-storage");
    assertThat(session.jsonPath().getString("detail")).contains("below the floor");

    Path raw = dir.resolve("raw.ulaw");
    Files.write(raw, new byte[800]);
    as(t.key())
        .contentType("multipart/form-data")
        .multiPart(
            "metadata",
            "{\"codec\":\"PCMU\",\"segments\":[{\"leg\":\"a\",\"format\":\"pcmu\"}]}",
            "application/json")
        .multiPart("segment0", raw.toFile(), "application/octet-stream")
        .post("/api/v1/recordings")
        .then()
        .statusCode(507)
        .contentType("application/problem+json");

    assertThat(onDisk()).isEqualTo(before);
    assertThat(refusals("session")).isEqualTo(sessionsRefused + 1);
    assertThat(refusals("upload")).isEqualTo(uploadsRefused + 1);

    // Still ready (recordings are still served), but degraded, and why.
    JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
    assertThat(ready.getString("status")).isEqualTo("UP");
    assertThat(ready.getString("checks.find { it.name == 'roles' }.data.recording"))
        .startsWith("UP: ")
        .contains("degraded: ")
        .contains("below the floor");
    as(t.key()).get("/api/v1/recordings").then().statusCode(200);
  }

  private static double refusals(String request) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    Matcher m =
        Pattern.compile(
                "voxhost_recording_free_space_refusals_total\\{[^}]*request=\""
                    + request
                    + "\"[^}]*\\} ([0-9.E]+)")
            .matcher(metrics);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private java.util.Set<String> onDisk() throws Exception {
    try (Stream<Path> s = Files.walk(files.root())) {
      return new TreeSet<>(s.map(p -> files.root().relativize(p).toString()).toList());
    }
  }
}
