package io.voxhost.cti.service;

import io.voxhost.cti.CtiConfig;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.limits.KeyedSlots;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Takes checked events into {@code cti.event}: bounded per node ({@code voxhost.cti.queue}) and per
 * tenant ({@code voxhost.cti.tenant-queue}), counted in events; one writer thread takes everything
 * waiting (up to {@code voxhost.cti.max-batch} events) into one transaction, then completes each
 * submitter's future. A submitter hears back only after its events are committed, so an
 * acknowledged event is never lost; one that hears nothing sends again, and the duplicate is kept
 * once.
 */
@ApplicationScoped
public class EventIngest {

  private static final Logger LOG = Logger.getLogger(EventIngest.class);

  /** A write that failed is tried again after this, with what came meanwhile. */
  private static final long RETRY_MILLIS = 500;

  /** One submitter's events and its answer. */
  private record Pending(UUID tenant, List<CallEvent> events, CompletableFuture<Ingested> done) {}

  private final EventStore store;
  private final RoleThreads threads;
  private final int nodeBound;
  private final int maxBatch;
  private final KeyedSlots<UUID> perTenant;
  private final AtomicInteger held = new AtomicInteger();
  private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
  private final LongAdder accepted;
  private final LongAdder duplicates;
  private final LongAdder refused;
  private volatile boolean running;
  private Thread writer;

  EventIngest(EventStore store, RoleThreads threads, CtiConfig config, Meters meters) {
    this.store = store;
    this.threads = threads;
    this.nodeBound = config.queue();
    this.maxBatch = config.maxBatch();
    this.perTenant = new KeyedSlots<>(config.tenantQueue());
    this.accepted = events(meters, "accepted");
    this.duplicates = events(meters, "duplicate");
    this.refused = events(meters, "refused");
    meters.gauge(
        MeterName.of("cti", "ingest_queued_events"),
        "Events waiting to be written, all tenants",
        this::queued);
  }

  /** Events taken and not yet committed, all tenants. */
  public int queued() {
    return held.get();
  }

  /** Starts the writer. */
  public synchronized void start() {
    if (writer == null) {
      running = true;
      writer = threads.thread("cti", "event-writer", this::write);
      writer.start();
    }
  }

  /**
   * Stops taking events, writes what is waiting (for at most {@code waitMillis}), and stops the
   * writer; events still waiting then are refused (their senders send them again).
   */
  public synchronized void stop(long waitMillis) throws InterruptedException {
    running = false;
    if (writer != null) {
      writer.join(waitMillis);
      writer.interrupt();
      writer = null;
    }
    Pending p;
    while ((p = waiting.poll()) != null) {
      release(p);
      p.done().completeExceptionally(new IngestFull("the node is stopping", false));
    }
  }

  /**
   * Queues the tenant's events for the next write; the future completes once they are committed.
   *
   * @throws IngestFull when the tenant's or the node's bound is reached, keeping nothing
   */
  public CompletableFuture<Ingested> submit(UUID tenant, List<CallEvent> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(new Ingested(0, 0));
    }
    int n = events.size();
    if (!running) {
      throw new IngestFull("the cti role is not taking events on this node now", false);
    }
    if (!perTenant.tryTake(tenant, n)) {
      refused.add(n);
      throw new IngestFull(
          "this tenant has "
              + perTenant.held(tenant)
              + " events waiting to be written, of "
              + perTenant.perKey()
              + " it may have; send these again shortly",
          true);
    }
    if (held.addAndGet(n) > nodeBound) {
      held.addAndGet(-n);
      perTenant.give(tenant, n);
      refused.add(n);
      throw new IngestFull("the node's event queue is full; send these again shortly", false);
    }
    Pending p = new Pending(tenant, List.copyOf(events), new CompletableFuture<>());
    waiting.add(p);
    return p.done();
  }

  private void write() {
    List<Pending> batch = new ArrayList<>();
    while (running || !waiting.isEmpty()) {
      try {
        Pending first = waiting.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        int events = first.events().size();
        Pending next;
        while (events < maxBatch && (next = waiting.peek()) != null) {
          if (events + next.events().size() > maxBatch && events > 0) {
            break;
          }
          batch.add(waiting.poll());
          events += next.events().size();
        }
        writeBatch(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // Interrupted while stopping: what was taken and not written goes back to its senders.
    for (Pending p : batch) {
      release(p);
      p.done().completeExceptionally(new IngestFull("the node is stopping", false));
    }
  }

  private void writeBatch(List<Pending> batch) throws InterruptedException {
    List<TenantEvent> rows = new ArrayList<>();
    for (Pending p : batch) {
      for (CallEvent e : p.events()) {
        rows.add(new TenantEvent(p.tenant(), e));
      }
    }
    BitSet fresh;
    while (true) {
      try {
        fresh = store.insert(rows);
        break;
      } catch (RuntimeException e) {
        // The database is away: nothing was acknowledged, so nothing is lost; keep the batch and
        // try again, while new events wait (and, past the bounds, are refused).
        LOG.warnf("Writing %d call events failed, trying again: %s", rows.size(), e.toString());
        if (!running) {
          throw new InterruptedException("stopping");
        }
        Thread.sleep(RETRY_MILLIS);
      }
    }
    int at = 0;
    for (Pending p : batch) {
      int n = p.events().size();
      int fresh0 = fresh.get(at, at + n).cardinality();
      at += n;
      release(p);
      accepted.add(fresh0);
      duplicates.add(n - fresh0);
      p.done().complete(new Ingested(fresh0, n - fresh0));
    }
  }

  private void release(Pending p) {
    int n = p.events().size();
    held.addAndGet(-n);
    perTenant.give(p.tenant(), n);
  }

  private static LongAdder events(Meters meters, String outcome) {
    return meters.adder(
        MeterName.of("cti", "events"),
        "Call events sent to this node, by what became of them",
        "outcome",
        outcome);
  }
}
