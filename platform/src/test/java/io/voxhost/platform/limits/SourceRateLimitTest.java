package io.voxhost.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceRateLimitTest {

  private static final long T = 7_000_000_000L;

  @Test
  void limitsEachSourceToItsBurstAtOnce() {
    SourceRateLimit limit = new SourceRateLimit(1, 2, 100);
    assertThat(limit.allow("10.0.0.1", T)).isTrue();
    assertThat(limit.allow("10.0.0.1", T)).isTrue();
    assertThat(limit.allow("10.0.0.1", T)).isFalse();
    assertThat(limit.allow("10.0.0.2", T)).isTrue();
  }

  @Test
  void tightenedRatesApplyToTheNextRequest() {
    SourceRateLimit limit = new SourceRateLimit(0, 0, 100);
    for (int i = 0; i < 100; i++) {
      assertThat(limit.allow("10.0.0.1", T)).isTrue();
    }

    limit.change(1, 1);

    assertThat(limit.allow("10.0.0.1", T)).isTrue();
    assertThat(limit.allow("10.0.0.1", T)).isFalse();
  }

  @Test
  void loosenedRatesLetAnEmptiedSourceThroughAgain() {
    SourceRateLimit limit = new SourceRateLimit(1, 1, 100);
    assertThat(limit.allow("10.0.0.1", T)).isTrue();
    assertThat(limit.allow("10.0.0.1", T)).isFalse();

    limit.change(100, 50);

    for (int i = 0; i < 50; i++) {
      assertThat(limit.allow("10.0.0.1", T)).isTrue();
    }
    assertThat(limit.allow("10.0.0.1", T)).isFalse();

    limit.change(0, 0);
    assertThat(limit.allow("10.0.0.1", T)).isTrue();
  }
}
