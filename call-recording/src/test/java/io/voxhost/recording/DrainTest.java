package io.voxhost.recording;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.CaptureTest.Rtp;
import io.voxhost.recording.service.Sessions;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A drain ends open captures as a stop request does, assembles them, and takes no new session. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DrainTest {

  @Inject RecordingRole role;
  @Inject Sessions sessions;

  @Test
  void aDrainEndsOpenCapturesAssemblesThemAndRefusesNewSessions() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-drain");
    JsonPath session = CaptureTest.openOneLeg(t, "caller");
    String id = session.getString("id");
    InetSocketAddress port = CaptureTest.firstLeg(session);
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 50; i++) {
        byte[] rtp = new Rtp(i, 160L * i, 11, new byte[160]).bytes();
        s.send(new DatagramPacket(rtp, rtp.length, port));
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
                    == 50);
    try {
      Drained drained = role.drain(Instant.now().plusSeconds(20));

      assertThat(drained.complete()).as(drained.detail()).isTrue();
      assertThat(sessions.openCount()).isZero();
      JsonPath stored =
          as(t.key()).get("/api/v1/recordings/" + id).then().statusCode(200).extract().jsonPath();
      assertThat(stored.getString("status")).isEqualTo("completed");
      assertThat(stored.getLong("legs[0].packets")).isEqualTo(50);
      as(t.key())
          .body(Map.of("codec", "PCMU", "legs", List.of(Map.of("label", "late"))))
          .post(CaptureTest.SESSIONS)
          .then()
          .statusCode(503);
    } finally {
      sessions.stop();
      sessions.start();
    }
  }
}
