package io.voxhost.tftp.service;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.tftp.store.FetchRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The fetch audit. Protocol threads hand fetches to a bounded queue and never wait; one thread
 * writes them in batches (one transaction per batch), and moves each device's last fetch forward. A
 * full queue (the database far behind a flood, or away) refuses new records and counts them in
 * {@code voxhost_tftp_audit_dropped_total}.
 *
 * <p>While the database is away the writer keeps its batch and tries it again after half a second,
 * then twice as long each time up to {@link #MAX_BACKOFF}, each failed try counted as {@code
 * voxhost_tftp_database_unavailable_total{work="fetch-audit"}}; the first write that gets through
 * brings the pace back. So an outage shorter than the queue's room loses nothing. A batch refused
 * for another reason (the data, not the database) is tried three times and dropped, counted; so is
 * what is queued when the role stops while the database is away.
 */
@ApplicationScoped
public class FetchLog {

  private static final Logger LOG = Logger.getLogger(FetchLog.class);
  private static final int QUEUE = 50_000;
  private static final int BATCH = 1_000;
  private static final long GATHER_MILLIS = 50;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final int REFUSALS = 3;

  private final FetchRows rows;
  private final DatabaseOutages outages;
  private final BlockingQueue<Fetch> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Counter dropped;
  private final RoleThreads threads;
  private final Object pause = new Object();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private volatile Thread writer;
  private volatile boolean running;

  FetchLog(FetchRows rows, DatabaseOutages outages, Meters registry, RoleThreads threads) {
    this.rows = rows;
    this.outages = outages;
    this.threads = threads;
    threads.watch("tftp", "audit", queue);
    this.dropped =
        registry.counter(
            MeterName.of("tftp", "audit_dropped"),
            "Fetch records dropped: the audit queue was full, or they could not be written");
  }

  public synchronized void start() {
    if (writer != null) {
      return;
    }
    running = true;
    writer = threads.thread("tftp", "audit", this::run);
    writer.start();
  }

  /** Writes what is queued, then stops. */
  public synchronized void stop() {
    Thread t = writer;
    if (t == null) {
      return;
    }
    running = false;
    synchronized (pause) {
      pause.notifyAll(); // a writer waiting out a back-off tries once more now, then gives up
    }
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer = null;
  }

  public void record(Fetch fetch) {
    if (queue.offer(fetch)) {
      accepted.incrementAndGet();
    } else {
      dropped.increment();
    }
  }

  /** The newest fetches of a tenant, optionally of one device, before the id {@code before}. */
  public List<StoredFetch> page(UUID tenantId, MacAddress mac, Long before, int limit) {
    return rows.page(tenantId, mac == null ? null : mac.value(), before, limit).stream()
        .map(FetchLog::stored)
        .toList();
  }

  /** A fetch as the audit keeps it, with the id that pages through them. */
  public record StoredFetch(long id, Fetch fetch) {}

  private static StoredFetch stored(FetchRows.Row r) {
    return new StoredFetch(
        r.id(),
        new Fetch(
            r.tenantId(),
            r.mac() == null ? null : new MacAddress(r.mac()),
            r.fileName(),
            r.source(),
            r.transport(),
            r.bytes(),
            r.outcome(),
            r.at()));
  }

  private static FetchRows.Row row(Fetch f) {
    return new FetchRows.Row(
        0,
        f.tenantId(),
        f.mac() == null ? null : f.mac().value(),
        f.fileName(),
        f.source(),
        f.transport(),
        f.bytes(),
        f.outcome(),
        f.at());
  }

  /** Waits until everything recorded so far is written (tests, shutdown). */
  public void flush() throws InterruptedException {
    long target = accepted.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (handled.get() < target && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private void run() {
    List<Fetch> batch = new ArrayList<>(BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Fetch first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        write(batch);
        handled.addAndGet(batch.size());
        if (batch.size() < BATCH) {
          // Let a storm's records gather: one insert of hundreds rather than one per transfer,
          // and a protocol thread's hand-off rarely has to wake this one.
          pause(GATHER_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  /** Writes the batch, waiting for the database as long as the role runs; or drops it. */
  private void write(List<Fetch> batch) throws InterruptedException {
    List<FetchRows.Row> batchRows = batch.stream().map(FetchLog::row).toList();
    int failedTries = 0;
    int outagesInARow = 0;
    int refusals = 0;
    while (true) {
      try {
        rows.insert(batchRows);
        outages.answered();
        if (outagesInARow > 0) {
          LOG.infof("Fetch audit written again after %d failed tries", outagesInARow);
        }
        return;
      } catch (RuntimeException e) {
        if (DatabaseFailure.isOutage(e)) {
          outages.stopped("tftp", "fetch-audit");
          if (!running) {
            lost(batch.size() + dropQueued(), e);
            return;
          }
          if (++outagesInARow == 1) {
            LOG.warnf(
                "Fetch audit: the database is away, backing off (%d queued): %s",
                queue.size(), e.toString());
          }
        } else if (++refusals >= REFUSALS || !running) {
          lost(batch.size(), e);
          return;
        }
      }
      pause(backoffAfter(++failedTries));
    }
  }

  /** How long the writer waits after {@code failedTries} failed tries of one batch (1 or more). */
  static long backoffAfter(int failedTries) {
    long delay = FIRST_BACKOFF.toMillis() << Math.min(Math.max(failedTries - 1, 0), 20);
    return Math.min(delay, MAX_BACKOFF.toMillis());
  }

  /** Waits, unless the role is stopping: then the caller tries once more at once. */
  private void pause(long millis) throws InterruptedException {
    synchronized (pause) {
      if (running) {
        pause.wait(millis);
      }
    }
  }

  /** Empties the queue (stopping with the database away); returns how many it held. */
  private int dropQueued() {
    List<Fetch> rest = new ArrayList<>();
    queue.drainTo(rest);
    handled.addAndGet(rest.size());
    return rest.size();
  }

  private void lost(int records, RuntimeException e) {
    LOG.warnf("%d fetch record(s) lost: %s", records, e.toString());
    dropped.increment(records);
  }
}
