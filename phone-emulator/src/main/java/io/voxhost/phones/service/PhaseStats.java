package io.voxhost.phones.service;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened in one phase: files fetched, registrations that succeeded, failures by kind, and
 * the registration request delay of each (RFC 6076 section 4.1: from the first REGISTER to its
 * final 2xx, the challenge's round trip included).
 */
public final class PhaseStats {

  /** Percentiles of the delays, in milliseconds. */
  public record Delays(long count, double p50, double p95, double p99, double max) {}

  /** The phase as the report shows it. */
  public record Summary(
      String phase,
      double seconds,
      long fetched,
      long registered,
      long failed,
      Map<String, Long> failures,
      Delays registrationRequestDelayMs) {}

  private final String phase;
  private final long started = System.nanoTime();
  private volatile long ended;
  private final LongAdder fetched = new LongAdder();
  private final LongAdder registered = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private long[] delays = new long[1024];
  private int count;

  public PhaseStats(String phase) {
    this.phase = phase;
  }

  public String phase() {
    return phase;
  }

  void fetched() {
    fetched.increment();
  }

  void registered(long delayNanos) {
    registered.increment();
    synchronized (this) {
      if (count == delays.length) {
        delays = Arrays.copyOf(delays, count * 2);
      }
      delays[count++] = delayNanos;
    }
  }

  void failed(String kind) {
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  public long fetchedCount() {
    return fetched.sum();
  }

  public long registeredCount() {
    return registered.sum();
  }

  public long failedCount() {
    return failures.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** The phase is over: its time stops here. */
  public void end() {
    ended = System.nanoTime();
  }

  public Summary summary() {
    long[] sorted;
    synchronized (this) {
      sorted = Arrays.copyOf(delays, count);
    }
    Arrays.sort(sorted);
    Map<String, Long> byKind = new TreeMap<>();
    failures.forEach((k, v) -> byKind.put(k, v.sum()));
    long end = ended == 0 ? System.nanoTime() : ended;
    return new Summary(
        phase,
        (end - started) / 1e9,
        fetched.sum(),
        registered.sum(),
        failedCount(),
        byKind,
        new Delays(
            sorted.length,
            percentile(sorted, 0.50),
            percentile(sorted, 0.95),
            percentile(sorted, 0.99),
            sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
  }

  /** The nearest-rank percentile, in milliseconds; 0 without values. */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
