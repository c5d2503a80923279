package io.voxhost.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.outbox.OutboxEvent;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What the recording role tells the cti role through the platform's outbox: each status a recording
 * goes through, written with the status itself.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RecordingOutboxTest {

  @Inject Outbox outbox;

  private final List<OutboxEvent> seen = new CopyOnWriteArrayList<>();

  private List<String> statuses(UUID tenant, String recording) {
    outbox.take("recording-test", 1000, (c, events) -> events.forEach(e -> seen.add(e.event())));
    return seen.stream()
        .filter(e -> e.tenant().equals(tenant) && e.subject().equals(recording))
        .map(e -> e.body().replaceAll(".*\"status\": *\"([a-z-]+)\".*", "$1"))
        .toList();
  }

  @Test
  void aRecordingsStatusesAreTold() throws Exception {
    statuses(UUID.randomUUID(), "");
    Thread.sleep(1100); // the node sees the consumer within a second
    TenantKey t = ApiClient.newTenant("rec-outbox");
    UUID tenant = ApiClient.tenantId(t);
    String id = RetentionTest.record(t, 100);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(statuses(tenant, id))
                    .containsExactly("in-progress", "processing", "completed"));
    assertThat(seen)
        .filteredOn(e -> e.subject().equals(id))
        .allSatisfy(e -> assertThat(e.topic()).isEqualTo("recording.lifecycle"));
  }
}
