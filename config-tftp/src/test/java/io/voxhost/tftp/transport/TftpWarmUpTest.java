package io.voxhost.tftp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.tftp.service.FetchLog;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The TFTP warm-up completes its transfers over loopback and leaves nothing behind: no fetch
 * record, no count in the role's metrics.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TftpWarmUpTest {

  @Inject TftpEndpoint endpoint;
  @Inject FetchLog fetches;
  @Inject MeterRegistry meters;

  @Test
  void completesItsTransfersAndLeavesNothingBehind() throws Exception {
    fetches.flush();
    Map<String, Double> before = tftpMeters();

    int done =
        endpoint.warmUp(
            new TransferSettings(Duration.ofSeconds(1), Duration.ofMillis(20), 5),
            200,
            Duration.ofSeconds(60));
    fetches.flush();

    assertThat(done).isEqualTo(200);
    assertThat(tftpMeters()).isEqualTo(before);
  }

  @Test
  void stopsAtItsBudget() {
    int done =
        endpoint.warmUp(
            new TransferSettings(Duration.ofSeconds(1), Duration.ofMillis(20), 5),
            1_000_000,
            Duration.ofMillis(300));

    assertThat(done).isLessThan(1_000_000);
  }

  /** Every TFTP count's value, by name and tags (the running-transfers gauge included). */
  private Map<String, Double> tftpMeters() {
    Map<String, Double> values = new TreeMap<>();
    for (Meter m : meters.getMeters()) {
      String name = m.getId().getName();
      // Queue lengths come and go with any work on the role's threads; counts must not move.
      if (name.startsWith("voxhost_tftp") && !name.endsWith("_queued_tasks")) {
        double sum = 0;
        for (var measurement : m.measure()) {
          sum += measurement.getValue();
        }
        values.put(m.getId().toString(), sum);
      }
    }
    return values;
  }
}
