package io.voxhost.tftp.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.tftp.store.FetchRows;
import io.voxhost.tftp.store.OutageFetchRows;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetch audit while the database is away: the writer keeps its batch and tries it again, less
 * and less often, counting each failed try; what was recorded meanwhile is written once the
 * database answers; a stop while it is away drops what is queued, counted, instead of hanging.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class FetchLogOutageTest {

  /** The longest back-off between two tries, and room for a loaded machine. */
  private static final Duration WRITTEN_WITHIN = Duration.ofSeconds(60);

  @Inject FetchLog log;
  @Inject Jdbc jdbc;
  @Inject Outbox outbox;
  @Inject MeterRegistry meters;

  private OutageFetchRows rows;

  @BeforeEach
  void rowsWhoseDatabaseMayBeAway() {
    rows = new OutageFetchRows(jdbc, outbox);
    QuarkusMock.installMockForType(rows, FetchRows.class);
  }

  @Test
  void fetchesRecordedWhileTheDatabaseIsAwayAreWrittenOnceItAnswers() {
    UUID tenant = UUID.randomUUID();
    double outagesBefore = count("voxhost_tftp_database_unavailable", "fetch-audit");
    double droppedBefore = count("voxhost_tftp_audit_dropped", null);
    rows.away(true);

    for (int i = 0; i < 5; i++) {
      log.record(fetch(tenant, i));
    }

    // Tried again rather than dropped after a few tries, as it was before.
    await().atMost(WRITTEN_WITHIN).until(() -> rows.refused() >= 4);
    assertThat(count("voxhost_tftp_database_unavailable", "fetch-audit"))
        .isGreaterThanOrEqualTo(outagesBefore + 4);
    assertThat(log.page(tenant, null, null, 100)).isEmpty();
    log.record(fetch(tenant, 5));

    rows.away(false);

    await().atMost(WRITTEN_WITHIN).until(() -> log.page(tenant, null, null, 100).size() == 6);
    assertThat(count("voxhost_tftp_audit_dropped", null)).isEqualTo(droppedBefore);
  }

  @Test
  void aStopWhileTheDatabaseIsAwayDropsWhatIsQueuedAndCountsIt() {
    UUID tenant = UUID.randomUUID();
    double droppedBefore = count("voxhost_tftp_audit_dropped", null);
    rows.away(true);
    try {
      for (int i = 0; i < 3; i++) {
        log.record(fetch(tenant, i));
      }
      await().atMost(WRITTEN_WITHIN).until(() -> rows.refused() >= 1);

      log.stop();

      assertThat(count("voxhost_tftp_audit_dropped", null)).isEqualTo(droppedBefore + 3);
    } finally {
      rows.away(false);
      log.start();
    }
    assertThat(log.page(tenant, null, null, 100)).isEmpty();
  }

  @Test
  void theBackOffDoublesUpToThirtySeconds() {
    assertThat(FetchLog.backoffAfter(1)).isEqualTo(500);
    assertThat(FetchLog.backoffAfter(2)).isEqualTo(1_000);
    assertThat(FetchLog.backoffAfter(3)).isEqualTo(2_000);
    assertThat(FetchLog.backoffAfter(7)).isEqualTo(30_000);
    assertThat(FetchLog.backoffAfter(1_000)).isEqualTo(30_000);
  }

  private static Fetch fetch(UUID tenant, int n) {
    return new Fetch(
        tenant,
        null,
        "file-" + n + ".cfg",
        "192.0.2.1:1024",
        "tftp",
        100,
        "completed",
        Instant.now());
  }

  private double count(String name, String work) {
    var search = meters.find(name);
    if (work != null) {
      search = search.tag("work", work);
    }
    Counter c = search.counter();
    return c == null ? 0 : c.count();
  }
}
