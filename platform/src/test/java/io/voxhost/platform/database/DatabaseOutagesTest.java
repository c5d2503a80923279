package io.voxhost.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voxhost.platform.metrics.Meters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatabaseOutagesTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final DatabaseOutages outages = new DatabaseOutages(new Meters(registry), now::get);

  @Test
  void anOutageIsBelievedForAWhileThenTheDatabaseIsAskedAgain() {
    assertThat(outages.recentlyAway()).isFalse();
    outages.stopped("sip", "binding-write");
    assertThat(outages.recentlyAway()).isTrue();
    advance(DatabaseOutages.BELIEVED.minusMillis(1));
    assertThat(outages.recentlyAway()).isTrue();
    advance(Duration.ofMillis(1));
    assertThat(outages.recentlyAway()).isFalse();
  }

  @Test
  void refusalsAreCountedButDoNotProlongTheOutage() {
    outages.stopped("sip", "binding-write");
    for (int i = 0; i < 10; i++) {
      advance(DatabaseOutages.BELIEVED.dividedBy(4));
      outages.refused("sip", "register"); // steady traffic, refused without asking
    }
    assertThat(outages.recentlyAway()).isFalse();
    assertThat(count("sip", "register")).isEqualTo(10);
    assertThat(count("sip", "binding-write")).isEqualTo(1);
  }

  @Test
  void anAnswerEndsTheOutageAtOnce() {
    outages.stopped("api", "request");
    outages.answered();
    assertThat(outages.recentlyAway()).isFalse();
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  private double count(String role, String work) {
    return registry
        .get("voxhost_" + role + "_database_unavailable")
        .tag("work", work)
        .counter()
        .count();
  }
}
