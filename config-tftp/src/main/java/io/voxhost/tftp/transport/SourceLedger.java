package io.voxhost.tftp.transport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transfers per source address, and whether the address has proved that it receives what is sent to
 * it. A read request costs its sender some 30 bytes and its answer is a full block, so a forged
 * burst of requests could turn this server into an amplifier; an address that has not yet
 * acknowledged anything therefore has one transfer opened at a time, and its other requests wait (a
 * bounded number, for a bounded time) until that one is acknowledged. After that the address is
 * verified for a while and only the concurrency limits apply.
 */
final class SourceLedger {

  /** What to do with a new request. */
  enum Admission {
    START,
    /** Started as the one transfer of an address not yet verified. */
    START_PROBE,
    WAIT,
    BUSY
  }

  static final int MAX_WAITING_PER_SOURCE = 1024;

  /** Requests waiting over all addresses: forged sources must not make this grow unbounded. */
  static final int MAX_WAITING = 10_000;

  private final int maxTransfers;
  private final int maxPerSource;
  private final long maxWaitNanos;
  private final Cache<InetAddress, Boolean> verified;
  private final Map<InetAddress, Source> sources = new ConcurrentHashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger waitingTotal = new AtomicInteger();

  SourceLedger(int maxTransfers, int maxPerSource, Duration verifiedFor, Duration maxWait) {
    this.maxTransfers = maxTransfers;
    this.maxPerSource = maxPerSource;
    this.maxWaitNanos = maxWait.toNanos();
    this.verified =
        Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(verifiedFor).build();
  }

  /**
   * Admits a request from {@code address}: START and START_PROBE count it as running, WAIT keeps
   * {@code waiting} for {@link #acknowledged} or {@link #ended} to hand back, BUSY keeps nothing.
   */
  Admission admit(InetAddress address, Runnable waiting) {
    while (true) {
      Source source = sources.computeIfAbsent(address, a -> new Source());
      synchronized (source) {
        if (sources.get(address) == source) {
          return admit(address, source, waiting);
        }
      }
      // Forgotten while we were getting it: take the one in the map now.
    }
  }

  private Admission admit(InetAddress address, Source source, Runnable waiting) {
    {
      source.pruneWaiting(System.nanoTime() - maxWaitNanos);
      if (source.active >= maxPerSource || active.get() >= maxTransfers) {
        forgetIfIdle(address, source);
        return Admission.BUSY;
      }
      if (verified.getIfPresent(address) == null && source.probes > 0) {
        if (source.waiting.size() >= MAX_WAITING_PER_SOURCE || waitingTotal.get() >= MAX_WAITING) {
          return Admission.BUSY;
        }
        source.waiting.add(new Waiting(waiting, System.nanoTime()));
        waitingTotal.incrementAndGet();
        return Admission.WAIT;
      }
      source.active++;
      active.incrementAndGet();
      if (verified.getIfPresent(address) == null) {
        source.probes++;
        return Admission.START_PROBE;
      }
      return Admission.START;
    }
  }

  /**
   * A transfer from {@code address} got its first ACK. Returns the requests that waited for it, to
   * be admitted again.
   */
  List<Runnable> acknowledged(InetAddress address, boolean wasProbe) {
    verified.put(address, Boolean.TRUE);
    Source source = sources.get(address);
    if (source == null) {
      return List.of();
    }
    synchronized (source) {
      if (wasProbe) {
        source.probes--;
      }
      return source.release(Integer.MAX_VALUE, System.nanoTime() - maxWaitNanos);
    }
  }

  /**
   * A transfer from {@code address} ended. An unacknowledged probe hands the turn to the next
   * waiting request, if any.
   */
  List<Runnable> ended(InetAddress address, boolean unacknowledgedProbe) {
    active.decrementAndGet();
    Source source = sources.get(address);
    if (source == null) {
      return List.of();
    }
    synchronized (source) {
      source.active--;
      if (unacknowledgedProbe) {
        source.probes--;
      }
      List<Runnable> next =
          source.probes == 0 ? source.release(1, System.nanoTime() - maxWaitNanos) : List.of();
      forgetIfIdle(address, source);
      return next;
    }
  }

  int active() {
    return active.get();
  }

  private void forgetIfIdle(InetAddress address, Source source) {
    if (source.active == 0 && source.waiting.isEmpty()) {
      sources.remove(address, source);
    }
  }

  private record Waiting(Runnable request, long since) {}

  private final class Source {
    int active;
    int probes;
    final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    void pruneWaiting(long oldest) {
      while (!waiting.isEmpty() && waiting.peekFirst().since() < oldest) {
        waiting.pollFirst();
        waitingTotal.decrementAndGet();
      }
    }

    List<Runnable> release(int max, long oldest) {
      pruneWaiting(oldest);
      List<Runnable> out = new ArrayList<>(Math.min(max, waiting.size()));
      while (out.size() < max && !waiting.isEmpty()) {
        out.add(waiting.pollFirst().request());
        waitingTotal.decrementAndGet();
      }
      return out;
    }
  }
}
