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
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.recording.service.RecordingFiles;
import io.voxhost.recording.service.RecordingStore;
import io.voxhost.recording.service.Recovery;
import io.voxhost.recording.store.OutageRows;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What follows a capture's end: the row's {@code processing} mark is written off the RTP event
 * loops (a database that hangs would hold every leg of the loop for its deadline), and a stop whose
 * mark the database missed is still a clean stop to the next start's {@link Recovery}, not a
 * capture a crash cut short.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SessionEndTest {

  /** The RTP event loops' threads ({@code RoleEventLoops}). */
  private static final String RTP_LOOP = "voxhost-recording-loop";

  /** The longest a put-off row waits between two tries, and room for a loaded machine. */
  private static final Duration RETRIED_WITHIN = Duration.ofSeconds(90);

  @Inject Jdbc jdbc;
  @Inject Outbox outbox;
  @Inject RecordingFiles files;
  @Inject MeterRegistry meters;
  @Inject Recovery recovery;

  private OutageRows rows;

  @BeforeEach
  void storeWhoseDatabaseMayBeAway() {
    rows = new OutageRows(jdbc, outbox);
    QuarkusMock.installMockForType(rows, RecordingStore.class);
  }

  @Test
  void theProcessingMarkOfAStopIsWrittenOffTheRtpLoops() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-end-thread");
    String id = AssemblyOutageTest.capturedCall(t);

    AssemblyOutageTest.stop(t, id);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> rows.statusWrittenOn(UUID.fromString(id)).isPresent());
    assertThat(rows.statusWrittenOn(UUID.fromString(id)).orElseThrow()).doesNotStartWith(RTP_LOOP);
    CaptureTest.awaitStatus(t, id, "completed");
  }

  @Test
  void aStopWhoseMarkTheDatabaseMissedIsNotTakenForACrashAtTheNextStart() throws Exception {
    TenantKey t = ApiClient.newTenant("rec-end-missed");
    String id = AssemblyOutageTest.capturedCall(t);
    UUID recording = UUID.fromString(id);
    rows.awayFromTheStop(recording);
    double before = putOffRows();

    AssemblyOutageTest.stop(t, id);

    // Assembled all the same, only its row put off; the row still says what it said at the start.
    await().atMost(Duration.ofSeconds(20)).until(() -> putOffRows() > before);
    assertThat(AssemblyOutageTest.status(t, id)).isEqualTo("in-progress");
    assertThat(files.spool(recording)).isDirectory();

    // The node starts again (the database answering it, but still not this recording's final row):
    // its recovery finds the row in-progress and the spool there.
    rows.away(recording);
    recovery.run();

    JsonPath recovered = row(t, id);
    assertThat(recovered.getString("status")).isEqualTo("processing");
    assertThat(recovered.getBoolean("truncated")).isFalse();

    rows.back(recording);
    await()
        .atMost(RETRIED_WITHIN)
        .until(() -> "completed".equals(AssemblyOutageTest.status(t, id)));
    JsonPath stored = row(t, id);
    assertThat(stored.getBoolean("truncated")).isFalse();
    assertThat(stored.getLong("legs[0].packets")).isEqualTo(50);
    await().atMost(Duration.ofSeconds(20)).until(() -> !files.spool(recording).toFile().exists());
  }

  private static JsonPath row(TenantKey t, String id) {
    return as(t.key()).get("/api/v1/recordings/" + id).then().statusCode(200).extract().jsonPath();
  }

  /** Finished rows of the recording role the database did not take, so far. */
  private double putOffRows() {
    Counter c =
        meters.find("voxhost_recording_database_unavailable").tag("work", "assembly").counter();
    return c == null ? 0 : c.count();
  }
}
