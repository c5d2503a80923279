package io.voxhost.recording;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.CaptureTest.Rtp;
import io.voxhost.recording.service.RecordingFiles;
import io.voxhost.recording.service.RecordingStore;
import io.voxhost.recording.service.Sessions;
import io.voxhost.recording.store.OutageRows;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An assembly whose row the database does not take: an outage puts the row off, the spool stays,
 * and the recording completes with its file once the database answers; any other refusal fails it
 * as before; a drain does not wait past its deadline for the database.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class AssemblyOutageTest {

  /** The longest a put-off row waits between two tries, and room for a loaded machine. */
  private static final Duration RETRIED_WITHIN = Duration.ofSeconds(90);

  @Inject Jdbc jdbc;
  @Inject Outbox outbox;
  @Inject RecordingFiles files;
  @Inject MeterRegistry meters;
  @Inject RecordingRole role;
  @Inject Sessions sessions;

  private OutageRows rows;

  @BeforeEach
  void storeWhoseDatabaseMayBeAway() {
    rows = new OutageRows(jdbc, outbox);
    QuarkusMock.installMockForType(rows, RecordingStore.class);
  }

  @Test
  void aRowTheDatabaseDidNotTakeIsWrittenOnceItAnswers() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-outage");
    String id = capturedCall(t);
    rows.away(UUID.fromString(id));
    double before = outages();

    stop(t, id);

    await().atMost(Duration.ofSeconds(20)).until(() -> outages() > before);
    assertThat(status(t, id)).isEqualTo("processing");
    assertThat(files.spool(UUID.fromString(id))).isDirectory();

    rows.back(UUID.fromString(id));

    await().atMost(RETRIED_WITHIN).until(() -> "completed".equals(status(t, id)));
    JsonPath stored = as(t.key()).get("/api/v1/recordings/" + id).then().extract().jsonPath();
    assertThat(stored.getLong("legs[0].packets")).isEqualTo(50);
    byte[] wav =
        as(t.key())
            .get("/api/v1/recordings/" + id + ".wav")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat((long) wav.length).isEqualTo(stored.getLong("sizeBytes"));
    assertThat(files.spool(UUID.fromString(id))).doesNotExist();
  }

  @Test
  void aRowRefusedForAnotherReasonFailsTheRecordingAsBefore() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-refused");
    String id = capturedCall(t);
    rows.refuseOnce(UUID.fromString(id));
    double before = outages();

    stop(t, id);

    await().atMost(Duration.ofSeconds(20)).until(() -> "failed".equals(status(t, id)));
    assertThat(outages()).isEqualTo(before);
  }

  @Test
  void aDrainLeavesARowWaitingForTheDatabaseInItsSpoolByTheDeadline() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-outage-drain");
    String id = capturedCall(t);
    rows.away(UUID.fromString(id));
    double before = outages();
    stop(t, id);
    await().atMost(Duration.ofSeconds(20)).until(() -> outages() > before);
    try {
      Drained drained = role.drain(Instant.now().plusSeconds(3));

      assertThat(drained.complete()).isFalse();
      assertThat(drained.detail()).contains("waiting for assembly or for the database");
      assertThat(status(t, id)).isEqualTo("processing");
      assertThat(files.spool(UUID.fromString(id))).isDirectory();
    } finally {
      sessions.stop();
      sessions.start();
      rows.back(UUID.fromString(id));
    }
    // The role was not stopped: the row is written as soon as the database answers.
    await().atMost(RETRIED_WITHIN).until(() -> "completed".equals(status(t, id)));
  }

  /** A one-leg session that received 50 packets; its id. */
  static String capturedCall(TenantKey t) throws Exception {
    JsonPath session = CaptureTest.openOneLeg(t, "caller");
    String id = session.getString("id");
    InetSocketAddress port = CaptureTest.firstLeg(session);
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 50; i++) {
        byte[] rtp = new Rtp(i, 160L * i, 21, new byte[160]).bytes();
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
    return id;
  }

  static void stop(TenantKey t, String id) {
    as(t.key()).post(CaptureTest.SESSIONS + "/" + id + "/stop").then().statusCode(202);
  }

  static String status(TenantKey t, String id) {
    return as(t.key()).get("/api/v1/recordings/" + id).then().extract().path("status");
  }

  /** Rows of the recording role the database did not take, so far. */
  private double outages() {
    Counter c =
        meters.find("voxhost_recording_database_unavailable").tag("work", "assembly").counter();
    return c == null ? 0 : c.count();
  }
}
