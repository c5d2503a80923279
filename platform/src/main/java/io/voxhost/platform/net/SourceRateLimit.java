package io.voxhost.platform.net;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * A token bucket per source address: {@code perSecond} requests a second on average, bursts of up
 * to {@code burst}. Bounded: the least recently seen sources are forgotten first. A rate of 0 lets
 * everything through.
 */
public final class SourceRateLimit {

  private final double perNano;
  private final double burst;
  private final Cache<String, Bucket> buckets;

  public SourceRateLimit(int perSecond, int burst, int maxSources) {
    this.perNano = perSecond / 1e9;
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
    if (buckets == null) {
      return true;
    }
    return buckets.get(source, s -> new Bucket(burst)).take(System.nanoTime(), perNano, burst);
  }

  private static final class Bucket {
    private double tokens;
    private long last;

    Bucket(double tokens) {
      this.tokens = tokens;
      this.last = System.nanoTime();
    }

    synchronized boolean take(long now, double perNano, double burst) {
      tokens = Math.min(burst, tokens + (now - last) * perNano);
      last = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
