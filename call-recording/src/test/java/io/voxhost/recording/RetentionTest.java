package io.voxhost.recording;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.service.RecordingFiles;
import io.voxhost.recording.service.Retention;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Tenant settings: mono at completion, retention and quota, applied by the sweeper. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RetentionTest {

  @Inject Retention retention;
  @Inject RecordingFiles files;
  @Inject DataSource dataSource;

  /** A short call of one leg, stopped and completed; returns its id. */
  static String record(TenantKey t, int packets) throws Exception {
    JsonPath s = CaptureTest.openOneLeg(t, "only");
    String id = s.getString("id");
    InetSocketAddress to = CaptureTest.firstLeg(s);
    try (DatagramSocket socket = new DatagramSocket()) {
      for (int i = 0; i < packets; i++) {
        ByteBuffer b = ByteBuffer.allocate(172);
        b.put((byte) 0x80).put((byte) 0).putShort((short) i).putInt(160 * i).putInt(7);
        socket.send(new DatagramPacket(b.array(), 172, to));
      }
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                as(t.key())
                        .get(CaptureTest.SESSIONS + "/" + id)
                        .then()
                        .extract()
                        .jsonPath()
                        .getLong("legs[0].packets")
                    == packets);
    // As curl sends it: no body, no Content-Type.
    io.restassured.RestAssured.given()
        .header("Authorization", "Bearer " + t.key())
        .post(CaptureTest.SESSIONS + "/" + id + "/stop")
        .then()
        .statusCode(202);
    CaptureTest.awaitStatus(t, id, "completed");
    return id;
  }

  private void backdate(String id, int days) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE recording.recording SET started_at = started_at - make_interval(days => ?)"
                    + " WHERE id = ?")) {
      ps.setInt(1, days);
      ps.setObject(2, UUID.fromString(id));
      ps.executeUpdate();
    }
  }

  private Path file(TenantKey t, String id) {
    String sha = as(t.key()).get("/api/v1/recordings/" + id).then().extract().path("sha256");
    assertThat(sha).isNotNull();
    try (var s = Files.walk(files.root())) {
      return s.filter(p -> p.getFileName().toString().equals(id + ".wav"))
          .findFirst()
          .orElseThrow();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void settingsAreValidatedAndTheMonoMixIsMadeAtCompletionWhenAsked() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-settings");
    as(t.key())
        .get("/api/v1/recordings/settings")
        .then()
        .statusCode(200)
        .body("monoAtCompletion", org.hamcrest.Matchers.equalTo(false));
    as(t.key())
        .body(Map.of("retentionDays", 0))
        .put("/api/v1/recordings/settings")
        .then()
        .statusCode(400);
    as(t.key())
        .body(Map.of("monoAtCompletion", true))
        .put("/api/v1/recordings/settings")
        .then()
        .statusCode(200);
    String id = record(t, 20);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                as(t.key()).get("/api/v1/recordings/" + id).then().extract().path("mono.sizeBytes")
                    != null);
  }

  @Test
  void retentionAndQuotaDeleteTheOldestAndTheSweeperRemovesTheirFiles() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-retention");
    String old = record(t, 10);
    String middle = record(t, 10);
    String recent = record(t, 10);
    backdate(old, 40);
    backdate(middle, 2);
    backdate(recent, 1);
    Path oldFile = file(t, old);
    Path middleFile = file(t, middle);
    long size = Files.size(middleFile);
    as(t.key())
        .body(Map.of("retentionDays", 30, "quotaBytes", size + 1))
        .put("/api/v1/recordings/settings")
        .then()
        .statusCode(200);
    retention.sweep();
    as(t.key()).get("/api/v1/recordings/" + old).then().statusCode(404); // past retention
    as(t.key()).get("/api/v1/recordings/" + middle).then().statusCode(404); // over the quota
    as(t.key()).get("/api/v1/recordings/" + recent).then().statusCode(200);
    assertThat(oldFile).doesNotExist();
    assertThat(middleFile).doesNotExist();

    // A deleted recording's files go at the next sweep.
    Path recentFile = file(t, recent);
    as(t.key()).delete("/api/v1/recordings/" + recent).then().statusCode(204);
    assertThat(recentFile).exists();
    retention.sweep();
    assertThat(recentFile).doesNotExist();
  }
}
