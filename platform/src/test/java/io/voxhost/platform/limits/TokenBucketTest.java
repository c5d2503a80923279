package io.voxhost.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void startsFullThenRefillsAtItsRateUpToItsBurst() {
    TokenBucket bucket = new TokenBucket(10, 3);
    long t = 5 * SECOND;
    assertThat(bucket.take(1, t)).isTrue();
    assertThat(bucket.take(1, t)).isTrue();
    assertThat(bucket.take(1, t)).isTrue();
    assertThat(bucket.take(1, t)).isFalse();

    assertThat(bucket.take(1, t + SECOND / 10)).isTrue(); // one token in 100 ms
    assertThat(bucket.take(1, t + SECOND / 10)).isFalse();

    t += 60 * SECOND; // a long pause refills to the burst, not beyond
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.take(1, t)).isTrue();
    }
    assertThat(bucket.take(1, t)).isFalse();
  }

  @Test
  void aCostOverWhatIsLeftTakesNothing() {
    TokenBucket bytes = new TokenBucket(48_000, 240_000);
    assertThat(bytes.take(200_000, 0)).isTrue();
    assertThat(bytes.take(50_000, 0)).isFalse();
    assertThat(bytes.take(40_000, 0)).isTrue();
  }

  @Test
  void aClockGoingBackAddsNothing() {
    TokenBucket bucket = new TokenBucket(1, 1);
    assertThat(bucket.take(1, 10 * SECOND)).isTrue();
    assertThat(bucket.take(1, 5 * SECOND)).isFalse();
  }

  @Test
  void refusesANonsenseRate() {
    assertThatThrownBy(() -> new TokenBucket(0, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sourcesHaveBucketsOfTheirOwn() {
    SourceRateLimit limit = new SourceRateLimit(1, 2, 100);
    assertThat(limit.allow("a", 0)).isTrue();
    assertThat(limit.allow("a", 0)).isTrue();
    assertThat(limit.allow("a", 0)).isFalse();
    assertThat(limit.allow("b", 0)).isTrue();
    assertThat(new SourceRateLimit(0, 1, 100).allow("a", 0)).isTrue(); // 0: no limit
  }
}
