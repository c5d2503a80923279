package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.platform.concurrent.RepeatingWork;
import io.voxhost.platform.concurrent.RoleThreads;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * The dips each tenant caused, by provider and day (UTC): counted in memory on the dip's path, and
 * written every {@code voxhost.cnam.usage-flush-interval} and at stop in one statement, so that no
 * lookup waits on a database write. A flush that fails keeps its counts for the next.
 */
@ApplicationScoped
public class DipLedger {

  private static final Logger LOG = Logger.getLogger(DipLedger.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private record Key(UUID tenant, String provider, LocalDate day) {}

  private final UsageStore store;
  private final RoleThreads threads;
  private final Duration interval;
  private final Clock clock;
  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();
  private final ReentrantLock flushing = new ReentrantLock();
  private ScheduledThreadPoolExecutor timer;
  private RepeatingWork schedule;

  DipLedger(UsageStore store, RoleThreads threads, CnamConfig config) {
    this.store = store;
    this.threads = threads;
    this.interval = config.usageFlushInterval();
    this.clock = Clock.systemUTC();
  }

  /** One dip {@code tenant} caused at {@code provider}, today. */
  public void bill(UUID tenant, String provider) {
    counts
        .computeIfAbsent(new Key(tenant, provider, LocalDate.now(clock)), k -> new LongAdder())
        .increment();
  }

  /** The tenant's written dips from {@code from} to {@code to} (UTC days, both included). */
  public List<DipCount> tenantUsage(UUID tenant, LocalDate from, LocalDate to) {
    return store.tenant(tenant, from, to);
  }

  /** Every tenant's written dips from {@code from} to {@code to}. */
  public List<DipCount> allUsage(LocalDate from, LocalDate to) {
    return store.all(from, to);
  }

  /** Today, UTC: the day dips are counted on. */
  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** Dips counted and not written yet (tests, the providers view). */
  public long unflushed() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Starts the periodic flush. */
  public synchronized void start() {
    if (timer == null) {
      timer = threads.timer("cnam", "usage", 1);
      schedule = threads.repeat(timer, "cnam", "usage-flush", interval, MAX_BACKOFF, this::flush);
      schedule.start();
    }
  }

  /** Stops the periodic flush and writes what is left. */
  public synchronized void stop() {
    if (timer != null) {
      schedule.cancel();
      timer.shutdown();
      timer = null;
      schedule = null;
    }
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warnf("%d dip(s) not written to cnam.dip_usage at stop: %s", unflushed(), e.toString());
    }
  }

  /**
   * Writes every dip counted since the last flush, in one statement; returns how many rows. A dip
   * counted while it runs stays for the next.
   */
  public int flush() {
    flushing.lock();
    try {
      List<DipCount> batch = new ArrayList<>();
      List<Map.Entry<Key, Long>> taken = new ArrayList<>();
      for (Map.Entry<Key, LongAdder> e : counts.entrySet()) {
        long n = e.getValue().sumThenReset();
        if (n > 0) {
          Key k = e.getKey();
          batch.add(new DipCount(k.tenant(), k.provider(), k.day(), n));
          taken.add(Map.entry(k, n));
        } else if (e.getKey().day().isBefore(LocalDate.now(clock))) {
          counts.remove(e.getKey(), e.getValue());
        }
      }
      if (batch.isEmpty()) {
        return 0;
      }
      try {
        store.add(batch);
      } catch (RuntimeException e) {
        // Given back, so the next flush writes them; nothing is lost but on a crash.
        taken.forEach(
            t -> counts.computeIfAbsent(t.getKey(), k -> new LongAdder()).add(t.getValue()));
        throw e;
      }
      return batch.size();
    } finally {
      flushing.unlock();
    }
  }
}
