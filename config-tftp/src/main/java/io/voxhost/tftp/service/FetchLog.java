package io.voxhost.tftp.service;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.tftp.store.FetchRows;
import jakarta.enterprise.context.ApplicationScoped;
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
 * full queue (the database far behind a flood) drops records and counts them in {@code
 * voxhost_tftp_audit_dropped_total}.
 */
@ApplicationScoped
public class FetchLog {

  private static final Logger LOG = Logger.getLogger(FetchLog.class);
  private static final int QUEUE = 50_000;
  private static final int BATCH = 1_000;

  private final FetchRows rows;
  private final BlockingQueue<Fetch> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Counter dropped;
  private final RoleThreads threads;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private volatile Thread writer;
  private volatile boolean running;

  FetchLog(FetchRows rows, Meters registry, RoleThreads threads) {
    this.rows = rows;
    this.threads = threads;
    threads.watch("tftp", "audit", queue);
    this.dropped =
        registry.counter(
            MeterName.of("tftp", "audit_dropped"),
            "Fetch records dropped because the audit queue was full");
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
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Fetch> batch) {
    for (int attempt = 1; ; attempt++) {
      try {
        rows.insert(batch.stream().map(FetchLog::row).toList());
        return;
      } catch (DatabaseFailure e) {
        if (attempt >= 3 || !running) {
          LOG.warnf("%d fetch record(s) lost: %s", batch.size(), e.getMessage());
          dropped.increment(batch.size());
          return;
        }
        try {
          Thread.sleep(500L * attempt);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
