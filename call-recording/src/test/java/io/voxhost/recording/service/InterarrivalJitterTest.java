package io.voxhost.recording.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** RFC 3550 A.8 on 20 ms G.711 packets: arrivals in microseconds, timestamps in samples. */
class InterarrivalJitterTest {

  @Test
  void packetsArrivingAtTheirPaceHaveNoJitter() {
    InterarrivalJitter jitter = new InterarrivalJitter();
    for (int i = 0; i < 100; i++) {
      jitter.add(5_000_000L + 20_000L * i, 4_000_000_000L + 160L * i);
    }
    assertThat(jitter.millis()).isZero();
  }

  @Test
  void oneTransitChangeCountsASixteenth() {
    InterarrivalJitter jitter = new InterarrivalJitter();
    jitter.add(0, 0);
    jitter.add(30_000, 160); // 10 ms late: 80 samples, of which a sixteenth is 5 (0.625 ms)
    assertThat(jitter.millis()).isEqualTo(0.625);
  }

  @Test
  void packetsAlternatelyTenMillisecondsLateConvergeOnTen() {
    InterarrivalJitter jitter = new InterarrivalJitter();
    for (int i = 0; i < 1_000; i++) {
      jitter.add(20_000L * i + (i % 2 == 1 ? 10_000 : 0), 160L * i);
    }
    assertThat(jitter.millis()).isCloseTo(10.0, within(1e-9));
  }
}
