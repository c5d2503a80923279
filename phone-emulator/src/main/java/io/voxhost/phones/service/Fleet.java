package io.voxhost.phones.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fleet of simulated phones, run through phases: a boot storm (every phone at once) or a ramp (so
 * many a second), a steady state (phones refresh their registrations on their own clocks), a call
 * mix, and a registration burst (every phone registers again at once, as after an outage).
 */
public final class Fleet implements Phases {

  private final List<Phone> phones = new ArrayList<>();
  private final ExecutorService fetchPool;
  private final ScheduledExecutorService timers;
  private final AtomicReference<PhaseStats> phase = new AtomicReference<>(new PhaseStats("idle"));
  private final long seed;
  private final Callees callees;
  private final java.util.Optional<CallRecording> recording;

  /**
   * Phones of {@code handsets}, the i-th on {@code sockets.get(i * sockets.size() / n)}: as many
   * phones share an address as share an office's NAT.
   */
  public Fleet(
      FleetOptions options,
      List<Handset> handsets,
      List<? extends SipRequests> sockets,
      FileSource files,
      long seed,
      Callees callees,
      java.util.Optional<CallRecording> recording) {
    this.seed = seed;
    this.callees = callees;
    this.recording = recording;
    this.fetchPool =
        Executors.newFixedThreadPool(options.fetchConcurrency(), daemon("phones-fetch"));
    this.timers = Executors.newScheduledThreadPool(1, daemon("phones-timer"));
    for (int i = 0; i < handsets.size(); i++) {
      phones.add(
          new Phone(
              handsets.get(i),
              options,
              sockets.get((int) ((long) i * sockets.size() / handsets.size())),
              files,
              fetchPool,
              timers,
              phase::get,
              seed * 31 + i));
    }
  }

  /** The phase running now (its figures so far). */
  public PhaseStats current() {
    return phase.get();
  }

  @Override
  public int size() {
    return phones.size();
  }

  /** Every phone boots at once; ends when each has registered or failed, or at {@code limit}. */
  @Override
  public PhaseStats bootStorm(Duration limit) throws InterruptedException {
    PhaseStats stats = begin("boot-storm");
    List<CompletableFuture<Boolean>> booted = new ArrayList<>();
    for (Phone p : phones) {
      booted.add(p.boot(stats));
    }
    return await(stats, booted, limit);
  }

  /**
   * Phones boot {@code perSecond} a second, in order, as a site powers its phones up floor by
   * floor; ends when each has registered or failed, or at {@code limit} after the last boots.
   */
  @Override
  public PhaseStats ramp(double perSecond, Duration limit) throws InterruptedException {
    PhaseStats stats = begin("ramp");
    List<CompletableFuture<Boolean>> booted = new ArrayList<>();
    long start = System.nanoTime();
    for (int n = 0; n < phones.size(); n++) {
      long wait = start + (long) (n * 1e9 / perSecond) - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      booted.add(phones.get(n).boot(stats));
    }
    return await(stats, booted, limit);
  }

  /** Phones refresh on their own for {@code length}; their refreshes count here. */
  @Override
  public PhaseStats steady(Duration length) throws InterruptedException {
    PhaseStats stats = begin("steady");
    Thread.sleep(length.toMillis());
    stats.end();
    return stats;
  }

  /** Every phone registers again at once. */
  @Override
  public PhaseStats registrationBurst(Duration limit) throws InterruptedException {
    PhaseStats stats = begin("registration-burst");
    List<CompletableFuture<Boolean>> done = new ArrayList<>();
    for (Phone p : phones) {
      done.add(p.registerAll(stats));
    }
    return await(stats, done, limit);
  }

  /**
   * For {@code length}, {@code perSecond} calls a second, each from a random phone to another
   * random phone of the whole fleet, held {@code hold}; ends when the last call has ended, or at
   * {@code limit}. A share of them (the recording plan's) is recorded: a capture session, both
   * legs' RTP.
   */
  @Override
  public PhaseStats callMix(double perSecond, Duration length, Duration hold, Duration limit)
      throws InterruptedException {
    PhaseStats stats = begin("call-mix");
    List<CompletableFuture<Boolean>> calls = new ArrayList<>();
    long count = Math.round(perSecond * length.toMillis() / 1000.0);
    long start = System.nanoTime();
    java.util.Random pick = new java.util.Random(seed);
    for (long n = 0; n < count && callees.fleetSize() > 1 && !phones.isEmpty(); n++) {
      long due = start + (long) (n * 1e9 / perSecond);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int from = pick.nextInt(phones.size());
      // The callee is any other phone of the whole fleet, this process's or another agent's.
      int self = callees.localFirst() - callees.fleetFirst() + from;
      int to = pick.nextInt(callees.fleetSize() - 1);
      if (to >= self) {
        to++;
      }
      int local = to - (callees.localFirst() - callees.fleetFirst());
      java.util.Optional<String> callee =
          local >= 0 && local < phones.size()
              ? phones.get(local).user()
              : java.util.Optional.of(callees.user().apply(callees.fleetFirst() + to));
      if (callee.isEmpty()) {
        stats.failed("call-callee-not-booted");
        continue;
      }
      calls.add(phones.get(from).call(callee.get(), hold, stats, recording));
    }
    return await(stats, calls, limit);
  }

  private PhaseStats begin(String name) {
    PhaseStats stats = new PhaseStats(name);
    phase.set(stats);
    return stats;
  }

  private static PhaseStats await(
      PhaseStats stats, List<CompletableFuture<Boolean>> each, Duration limit)
      throws InterruptedException {
    try {
      CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
          .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      long unfinished = each.stream().filter(f -> !f.isDone()).count();
      for (long i = 0; i < unfinished; i++) {
        stats.failed("unfinished-at-phase-end");
      }
    } catch (java.util.concurrent.ExecutionException e) {
      // Each phone counts its own failure.
    }
    stats.end();
    return stats;
  }

  @Override
  public void close() {
    phones.forEach(Phone::stop);
    timers.shutdownNow();
    fetchPool.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
