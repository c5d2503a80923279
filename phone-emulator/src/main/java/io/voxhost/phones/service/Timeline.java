package io.voxhost.phones.service;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Events in each tenth of a second since a phase began, for its plots, up to {@link #LONGEST}
 * seconds (later events count in the last tenth, so a longer phase still adds up). A phase is shown
 * in tenths when it is short and in whole seconds when it is long.
 */
final class Timeline {

  static final int LONGEST = 7200;
  static final int TENTHS = LONGEST * 10;

  /** Phases up to this long are shown in tenths of a second. */
  static final double FINE_UP_TO_SECONDS = 60;

  private final long started;
  private final AtomicLongArray counts = new AtomicLongArray(TENTHS);

  Timeline(long startedNanos) {
    this.started = startedNanos;
  }

  void add() {
    long tenth = (System.nanoTime() - started) / 100_000_000L;
    counts.incrementAndGet((int) Math.min(Math.max(tenth, 0), TENTHS - 1));
  }

  /** The counts of a phase of {@code seconds} in tenths, the late ones in its last tenth. */
  long[] tenths(double seconds) {
    int n = (int) Math.min(TENTHS, Math.max(1, Math.ceil(seconds * 10)));
    long[] out = new long[n];
    for (int i = 0; i < TENTHS; i++) {
      out[Math.min(i, n - 1)] += counts.get(i);
    }
    return out;
  }

  /** Adds another timeline's {@link #tenths}, as a coordinator sums its agents'. */
  void addTenths(long[] tenths) {
    for (int i = 0; i < Math.min(tenths.length, TENTHS); i++) {
      counts.addAndGet(i, tenths[i]);
    }
  }

  /** The width of a phase's buckets, in seconds, for a phase of {@code seconds}. */
  static double bucket(double seconds) {
    return seconds <= FINE_UP_TO_SECONDS ? 0.1 : 1;
  }

  /** The counts of a phase of {@code seconds}, in its buckets (at least one). */
  long[] counts(double seconds) {
    int per = bucket(seconds) < 1 ? 1 : 10;
    int tenths = (int) Math.min(TENTHS, Math.max(1, Math.ceil(seconds * 10)));
    int n = (tenths + per - 1) / per;
    long[] out = new long[n];
    for (int i = 0; i < TENTHS; i++) {
      // What came after the phase's end (a late answer) belongs to its last bucket.
      out[Math.min(i / per, n - 1)] += counts.get(i);
    }
    return out;
  }
}
