package io.voxhost.platform.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voxhost.platform.config.ReloadedSettings;
import java.time.Duration;
import java.util.Set;

/**
 * A token bucket per source address: {@code perSecond} requests a second on average, bursts of up
 * to {@code burst}. Bounded: the least recently seen sources are forgotten first. A rate of 0 lets
 * everything through. The rates may be changed while it runs (a node's reload).
 */
public final class SourceRateLimit {

  private final int maxSources;
  private volatile Rates rates;

  public SourceRateLimit(int perSecond, int burst, int maxSources) {
    this.maxSources = maxSources;
    this.rates = rates(perSecond, burst);
  }

  /**
   * Applies new rates from now on. Every source starts again with a full bucket at the new rates:
   * carrying partial buckets over would mix two rates for no benefit.
   */
  public void change(int perSecond, int burst) {
    rates = rates(perSecond, burst);
  }

  /**
   * Applies {@code <prefix>.per-second} and {@code <prefix>.burst} when a reload changed either.
   *
   * @return the keys applied; none when neither changed
   */
  public Set<String> reload(ReloadedSettings settings, String prefix) {
    String perSecond = prefix + ".per-second";
    String burst = prefix + ".burst";
    if (!settings.changed(perSecond) && !settings.changed(burst)) {
      return Set.of();
    }
    change(settings.value(perSecond, Integer.class), settings.value(burst, Integer.class));
    return Set.of(perSecond, burst);
  }

  /** Takes a token for {@code source}; false when its bucket is empty. */
  public boolean allow(String source) {
    return allow(source, System.nanoTime());
  }

  /** As {@link #allow(String)}, at {@code nowNanos} of the caller's monotonic clock. */
  public boolean allow(String source, long nowNanos) {
    Rates now = rates;
    if (now.buckets() == null) {
      return true;
    }
    return now.buckets()
        .get(source, s -> new TokenBucket(now.perSecond(), now.burst()))
        .take(1, nowNanos);
  }

  private Rates rates(int perSecond, int burst) {
    Cache<String, TokenBucket> buckets =
        perSecond <= 0
            ? null
            : Caffeine.newBuilder()
                .maximumSize(maxSources)
                .expireAfterAccess(Duration.ofSeconds(30))
                .build();
    return new Rates(perSecond, Math.max(1, burst), buckets);
  }

  /** One generation of buckets, all at the same rates; {@code buckets} null when unlimited. */
  private record Rates(double perSecond, double burst, Cache<String, TokenBucket> buckets) {}
}
