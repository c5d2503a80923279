package io.voxhost.platform.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts failed authentications per source address in fixed windows; a source over the limit is
 * refused until its window ends. Bounded: the least recently seen sources are forgotten first.
 */
public final class FailureLimiter {

  private final int maxFailures;
  private final long windowNanos;
  private final Ticker ticker;
  private final Cache<String, Window> windows;

  /**
   * @param settingPrefix the configuration prefix the limits come from (such as {@code
   *     voxhost.auth}), so that a bad value is reported under its own name
   */
  public FailureLimiter(
      String settingPrefix, int maxFailures, Duration window, int maxSources, Ticker ticker) {
    if (maxFailures < 1) {
      throw new IllegalArgumentException(settingPrefix + ".max-failures must be at least 1");
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException(settingPrefix + ".failure-window must be positive");
    }
    this.maxFailures = maxFailures;
    this.windowNanos = window.toNanos();
    this.ticker = ticker;
    this.windows =
        Caffeine.newBuilder()
            .maximumSize(maxSources)
            .expireAfterWrite(window)
            .ticker(ticker)
            .build();
  }

  /** How long the source must wait, if it is over the limit now. */
  public Optional<Duration> blockedFor(String source) {
    Window window = windows.getIfPresent(source);
    long now = ticker.read();
    if (window == null || window.failures() < maxFailures || window.endsAt() <= now) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(window.endsAt() - now));
  }

  public void recordFailure(String source) {
    long now = ticker.read();
    windows
        .asMap()
        .compute(
            source,
            (key, window) ->
                window == null || window.endsAt() <= now
                    ? new Window(1, now + windowNanos)
                    : new Window(window.failures() + 1, window.endsAt()));
  }

  private record Window(int failures, long endsAt) {}
}
