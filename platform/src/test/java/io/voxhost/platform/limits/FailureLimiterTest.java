package io.voxhost.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthFailureLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Ticker ticker = nanos::get;
  private final FailureLimiter limiter =
      new FailureLimiter("voxhost.auth", 3, Duration.ofSeconds(60), 100, ticker);

  @Test
  void blocksASourceAfterTheLimitUntilItsWindowEnds() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.blockedFor("192.0.2.1")).isEmpty();
      limiter.recordFailure("192.0.2.1");
    }
    nanos.addAndGet(Duration.ofSeconds(20).toNanos());
    assertThat(limiter.blockedFor("192.0.2.1")).contains(Duration.ofSeconds(40));
    assertThat(limiter.blockedFor("192.0.2.2")).isEmpty();

    nanos.addAndGet(Duration.ofSeconds(40).toNanos());
    assertThat(limiter.blockedFor("192.0.2.1")).isEmpty();
  }

  @Test
  void startsAFreshWindowAfterTheOldOneEnds() {
    limiter.recordFailure("198.51.100.7");
    limiter.recordFailure("198.51.100.7");
    nanos.addAndGet(Duration.ofSeconds(61).toNanos());
    limiter.recordFailure("198.51.100.7");
    limiter.recordFailure("198.51.100.7");
    assertThat(limiter.blockedFor("198.51.100.7")).isEmpty();
  }

  @Test
  void refusesNonsenseSettings() {
    assertThatThrownBy(
            () -> new FailureLimiter("voxhost.auth", 0, Duration.ofSeconds(1), 10, ticker))
        .hasMessageContaining("voxhost.auth.max-failures");
    assertThatThrownBy(() -> new FailureLimiter("voxhost.auth", 1, Duration.ZERO, 10, ticker))
        .hasMessageContaining("voxhost.auth.failure-window");
  }
}
