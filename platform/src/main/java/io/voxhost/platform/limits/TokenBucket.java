package io.voxhost.platform.limits;

/**
 * A token bucket: {@code perSecond} units a second on average, at most {@code burst} at once. The
 * caller charges what a thing costs (a request: 1; a packet: its bytes) and passes the time from
 * its own monotonic clock, so tests move time instead of waiting. It starts full.
 */
public final class TokenBucket {

  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;
  private boolean started;

  public TokenBucket(double perSecond, double burst) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("a bucket needs a positive rate and a burst of 1 or more");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
  }

  /** Takes {@code cost} at {@code nowNanos}; false (and nothing taken) when there is not enough. */
  public synchronized boolean take(double cost, long nowNanos) {
    if (started) {
      tokens = Math.min(burst, tokens + Math.max(0, nowNanos - last) * perNano);
    }
    started = true;
    last = nowNanos;
    if (tokens < cost) {
      return false;
    }
    tokens -= cost;
    return true;
  }
}
