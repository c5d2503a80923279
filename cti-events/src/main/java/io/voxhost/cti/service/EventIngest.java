package io.voxhost.cti.service;

import io.voxhost.cti.CtiConfig;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.platform.limits.KeyedSlots;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.InvalidInput.FieldProblem;
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

  /** A write the database's absence stopped is tried again after this, doubling, up to the max. */
  private static final long RETRY_MILLIS = 500;

  private static final long MAX_RETRY_MILLIS = 30_000;

  /** One submitter's events and its answer. */
  private record Pending(UUID tenant, List<CallEvent> events, CompletableFuture<Ingested> done) {}

  private final EventStore store;
  private final MarkedCalls marked;
  private final DatabaseOutages outages;
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

  EventIngest(
      EventStore store,
      MarkedCalls marked,
      DatabaseOutages outages,
      RoleThreads threads,
      CtiConfig config,
      Meters meters) {
    this.store = store;
    this.marked = marked;
    this.outages = outages;
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
    int outagesInARow = 0;
    while (true) {
      try {
        fresh = store.insert(rows);
        outages.answered();
        if (outagesInARow > 0) {
          LOG.infof("Call events written again after %d failed tries", outagesInARow);
        }
        break;
      } catch (RuntimeException e) {
        if (!DatabaseFailure.isOutage(e)) {
          refusedByDatabase(batch, e);
          return;
        }
        // The database is away: nothing was acknowledged, so nothing is lost; keep the batch and
        // try again, backing off, while new events wait (and, past the bounds, are refused).
        outages.stopped("cti", "event-writer");
        if (++outagesInARow == 1) {
          LOG.warnf("Call events: the database is away, backing off: %s", e.toString());
        }
        if (!running) {
          throw new InterruptedException("stopping");
        }
        Thread.sleep(Math.min(MAX_RETRY_MILLIS, RETRY_MILLIS << Math.min(outagesInARow - 1, 10)));
      }
    }
    if (!fresh.isEmpty()) {
      marked.marked();
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

  /**
   * The database refused the batch for its data, not its absence: trying it again would block the
   * writer forever. Each submitter's events are written alone, so one sender's bad event fails only
   * its own request (a 400 naming the database's reason), never the others batched with it.
   */
  private void refusedByDatabase(List<Pending> batch, RuntimeException e)
      throws InterruptedException {
    if (batch.size() > 1) {
      for (Pending p : batch) {
        writeBatch(List.of(p));
      }
      return;
    }
    Pending p = batch.get(0);
    release(p);
    refused.add(p.events().size());
    LOG.debugf("The database refused %d call events: %s", p.events().size(), e.toString());
    p.done()
        .completeExceptionally(
            new InvalidInput(
                "the database refused these events, none was kept: " + e.getMessage(),
                List.of(new FieldProblem("events", "not storable as sent"))));
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
