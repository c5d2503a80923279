package io.voxhost.phones.service;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened in one phase: files fetched, registrations that succeeded, calls, failures by kind,
 * and delays (RFC 6076): registration request delay (section 4.1: from the first REGISTER to its
 * final 2xx, the challenge's round trip included), the redirect's delay (first INVITE to the 302)
 * and session request delay (section 4.2, here to the callee's 200).
 */
public final class PhaseStats {

  /** Percentiles of the delays, in milliseconds. */
  public record Delays(long count, double p50, double p95, double p99, double max) {}

  /** Calls of a phase: placed, redirected (302), answered by the callee, ended with BYE. */
  public record Calls(
      long placed,
      long redirected,
      long answered,
      long completed,
      Media media,
      Delays redirectDelayMs,
      Delays sessionSetupDelayMs) {}

  /**
   * Recorded calls: capture sessions opened, and RTP packets their legs sent and dropped on purpose
   * (the configured loss).
   */
  public record Media(long recordings, long rtpPacketsSent, long rtpPacketsDropped) {}

  /** The phase as the report shows it. */
  public record Summary(
      String phase,
      double seconds,
      long fetched,
      long registered,
      long failed,
      Map<String, Long> failures,
      Delays registrationRequestDelayMs,
      Calls calls,
      Buckets timeline) {}

  /**
   * Files fetched, registrations, calls completed and failures in each bucket of the phase: tenths
   * of a second in a phase up to a minute long, seconds in a longer one.
   */
  public record Buckets(
      double bucketSeconds, long[] fetched, long[] registered, long[] completed, long[] failed) {}

  /**
   * Everything a phase counted, whole (delays in nanoseconds, events in tenths of a second): what
   * an agent sends its coordinator, which adds its agents' up with {@link #merged}.
   */
  public record Snapshot(
      String phase,
      double seconds,
      long fetched,
      long registered,
      Map<String, Long> failures,
      long[] registrationNanos,
      long placed,
      long redirected,
      long answered,
      long completed,
      long recordings,
      long rtpSent,
      long rtpDropped,
      long[] redirectNanos,
      long[] setupNanos,
      List<String> callIds,
      List<RecordedCall> recorded,
      long[] fetchedTenths,
      long[] registeredTenths,
      long[] completedTenths,
      long[] failedTenths) {}

  private final String phase;
  private final long started = System.nanoTime();
  private volatile long ended;

  /** The length of a phase merged from agents': the longest of theirs. */
  private volatile double mergedSeconds = -1;

  private final LongAdder fetched = new LongAdder();
  private final LongAdder registered = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final Latencies registrations = new Latencies();
  private final Timeline fetchedEach = new Timeline(started);
  private final Timeline registeredEach = new Timeline(started);
  private final Timeline completedEach = new Timeline(started);
  private final Timeline failedEach = new Timeline(started);
  private final LongAdder placed = new LongAdder();
  private final Set<String> callIds = ConcurrentHashMap.newKeySet();
  private final LongAdder redirected = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final Latencies redirects = new Latencies();
  private final Latencies setups = new Latencies();
  private final LongAdder recordings = new LongAdder();
  private final LongAdder rtpSent = new LongAdder();
  private final LongAdder rtpDropped = new LongAdder();
  private final java.util.Queue<RecordedCall> recorded =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /** Delays in nanoseconds, kept whole for exact percentiles. */
  private static final class Latencies {
    private long[] values = new long[1024];
    private int count;

    synchronized long[] values() {
      return Arrays.copyOf(values, count);
    }

    void addAll(long[] more) {
      for (long v : more) {
        add(v);
      }
    }

    synchronized void add(long nanos) {
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      values[count++] = nanos;
    }

    Delays delays() {
      long[] sorted;
      synchronized (this) {
        sorted = Arrays.copyOf(values, count);
      }
      Arrays.sort(sorted);
      return new Delays(
          sorted.length,
          percentile(sorted, 0.50),
          percentile(sorted, 0.95),
          percentile(sorted, 0.99),
          sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
    }
  }

  public PhaseStats(String phase) {
    this.phase = phase;
  }

  public String phase() {
    return phase;
  }

  void fetched() {
    fetched.increment();
    fetchedEach.add();
  }

  void registered(long delayNanos) {
    registered.increment();
    registeredEach.add();
    registrations.add(delayNanos);
  }

  void placed(String callId) {
    placed.increment();
    callIds.add(callId);
  }

  /** The Call-IDs of the calls placed in this phase. */
  public Set<String> callIds() {
    return Set.copyOf(callIds);
  }

  /** A 302 came, {@code delayNanos} after the first INVITE (its challenge included). */
  void redirected(long delayNanos) {
    redirected.increment();
    redirects.add(delayNanos);
  }

  /** The callee's 200 came, {@code delayNanos} after the first INVITE (RFC 6076 SRD). */
  void answered(long delayNanos) {
    answered.increment();
    setups.add(delayNanos);
  }

  void recordingOpened() {
    recordings.increment();
  }

  void rtp(MediaStreams.Sent caller, MediaStreams.Sent callee) {
    rtpSent.add(caller.packets() + callee.packets());
    rtpDropped.add(caller.dropped() + callee.dropped());
  }

  /** A recorded call's session was stopped, its media all sent. */
  void recorded(RecordedCall call) {
    recorded.add(call);
  }

  /** The calls of this phase whose sessions were opened and stopped. */
  public List<RecordedCall> recordedCalls() {
    return List.copyOf(recorded);
  }

  void completed() {
    completed.increment();
    completedEach.add();
  }

  public long placedCount() {
    return placed.sum();
  }

  public long completedCount() {
    return completed.sum();
  }

  void failed(String kind) {
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
    failedEach.add();
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
    Map<String, Long> byKind = new TreeMap<>();
    failures.forEach((k, v) -> byKind.put(k, v.sum()));
    long end = ended == 0 ? System.nanoTime() : ended;
    double seconds = mergedSeconds >= 0 ? mergedSeconds : (end - started) / 1e9;
    return new Summary(
        phase,
        seconds,
        fetched.sum(),
        registered.sum(),
        failedCount(),
        byKind,
        registrations.delays(),
        new Calls(
            placed.sum(),
            redirected.sum(),
            answered.sum(),
            completed.sum(),
            new Media(recordings.sum(), rtpSent.sum(), rtpDropped.sum()),
            redirects.delays(),
            setups.delays()),
        new Buckets(
            Timeline.bucket(seconds),
            fetchedEach.counts(seconds),
            registeredEach.counts(seconds),
            completedEach.counts(seconds),
            failedEach.counts(seconds)));
  }

  /** What this phase counted, whole. */
  public Snapshot snapshot() {
    Map<String, Long> byKind = new TreeMap<>();
    failures.forEach((k, v) -> byKind.put(k, v.sum()));
    long end = ended == 0 ? System.nanoTime() : ended;
    double seconds = mergedSeconds >= 0 ? mergedSeconds : (end - started) / 1e9;
    return new Snapshot(
        phase,
        seconds,
        fetched.sum(),
        registered.sum(),
        byKind,
        registrations.values(),
        placed.sum(),
        redirected.sum(),
        answered.sum(),
        completed.sum(),
        recordings.sum(),
        rtpSent.sum(),
        rtpDropped.sum(),
        redirects.values(),
        setups.values(),
        List.copyOf(callIds),
        List.copyOf(recorded),
        fetchedEach.tenths(seconds),
        registeredEach.tenths(seconds),
        completedEach.tenths(seconds),
        failedEach.tenths(seconds));
  }

  /** One phase of several agents': their counts added, their delays pooled, the longest time. */
  public static PhaseStats merged(String phase, List<Snapshot> parts) {
    PhaseStats m = new PhaseStats(phase);
    double seconds = 0;
    for (Snapshot p : parts) {
      seconds = Math.max(seconds, p.seconds());
      m.fetched.add(p.fetched());
      m.registered.add(p.registered());
      p.failures().forEach((k, v) -> m.failures.computeIfAbsent(k, x -> new LongAdder()).add(v));
      m.registrations.addAll(p.registrationNanos());
      m.placed.add(p.placed());
      m.redirected.add(p.redirected());
      m.answered.add(p.answered());
      m.completed.add(p.completed());
      m.recordings.add(p.recordings());
      m.rtpSent.add(p.rtpSent());
      m.rtpDropped.add(p.rtpDropped());
      m.redirects.addAll(p.redirectNanos());
      m.setups.addAll(p.setupNanos());
      m.callIds.addAll(p.callIds());
      m.recorded.addAll(p.recorded());
      m.fetchedEach.addTenths(p.fetchedTenths());
      m.registeredEach.addTenths(p.registeredTenths());
      m.completedEach.addTenths(p.completedTenths());
      m.failedEach.addTenths(p.failedTenths());
    }
    m.mergedSeconds = seconds;
    m.end();
    return m;
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
