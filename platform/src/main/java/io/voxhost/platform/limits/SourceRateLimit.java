package io.voxhost.platform.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * A token bucket per source address: {@code perSecond} requests a second on average, bursts of up
 * to {@code burst}. Bounded: the least recently seen sources are forgotten first. A rate of 0 lets
 * everything through.
 */
public final class SourceRateLimit {

  private final double perSecond;
  private final double burst;
  private final Cache<String, TokenBucket> buckets;

  public SourceRateLimit(int perSecond, int burst, int maxSources) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
    this.buckets =
        perSecond <= 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maxSources)
                .expireAfterAccess(Duration.ofSeconds(30))
                .build();
  }

  /** Takes a token for {@code source}; false when its bucket is empty. */
  public boolean allow(String source) {
    return allow(source, System.nanoTime());
  }

  /** As {@link #allow(String)}, at {@code nowNanos} of the caller's monotonic clock. */
  public boolean allow(String source, long nowNanos) {
    if (buckets == null) {
      return true;
    }
    return buckets.get(source, s -> new TokenBucket(perSecond, burst)).take(1, nowNanos);
  }
}
