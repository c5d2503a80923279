package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.limits.KeyedSlots;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Reads numbers that directory memory does not know, in both directories a tenant sees at once, and
 * many numbers in one statement: each reading thread takes every number waiting (up to {@value
 * #MAX_BATCH}) and asks the database once. One caller at a time is read alone, as fast as before; a
 * burst of new callers (a provider down, every number new) costs a statement a batch, not two a
 * number, so the queue drains instead of growing.
 *
 * <p>Bounded like every read of the role: {@code directory.threads} reading at once, {@code
 * directory.queue} waiting on the node and {@code directory.tenant-queue} for one tenant; past
 * either, or once a number's lookup has answered, it is not read at all and the lookup goes on
 * without it.
 */
@ApplicationScoped
public class DirectoryReader {

  private static final Logger LOG = Logger.getLogger(DirectoryReader.class);

  /** Numbers one statement reads at most. */
  static final int MAX_BATCH = 256;

  /** One number waiting to be read, and the lookup waiting for it. */
  private record Waiting(
      NumberInTenant number,
      long deadlineNanos,
      CompletableFuture<Optional<DirectoryNames>> answer) {}

  private final DirectoryMemory memory;
  private final BlockingQueue<Waiting> waiting;
  private final KeyedSlots<UUID> perTenant;
  private final ThreadPoolExecutor readers;
  private final int threads;
  private final AtomicInteger reading = new AtomicInteger();
  private final LongAdder numbersRead;
  private final LongAdder statements;

  DirectoryReader(
      DirectoryMemory memory, RoleThreads roleThreads, CnamConfig config, Meters meters) {
    this.memory = memory;
    this.numbersRead =
        meters.adder(
            MeterName.of("cnam", "directory_numbers_read"),
            "Numbers read in the directories because memory did not know them");
    this.statements =
        meters.adder(
            MeterName.of("cnam", "directory_reads"),
            "Statements that read numbers in the directories (many numbers each under load)");
    this.threads = config.directory().threads();
    this.waiting = new ArrayBlockingQueue<>(config.directory().queue());
    this.perTenant = new KeyedSlots<>(config.directory().tenantQueue());
    // At most `threads` readers are ever submitted, so the pool's queue never refuses one.
    this.readers = roleThreads.pool("cnam", "directory", threads, threads);
  }

  /**
   * Both directories' names of {@code number}, kept in memory when read; empty (not read) when the
   * node's or the tenant's queue is full, or when its turn comes after {@code deadlineNanos}.
   */
  public CompletableFuture<Optional<DirectoryNames>> read(
      NumberInTenant number, long deadlineNanos) {
    if (!perTenant.tryTake(number.tenant())) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    Waiting w = new Waiting(number, deadlineNanos, new CompletableFuture<>());
    w.answer().whenComplete((r, e) -> perTenant.give(number.tenant()));
    if (!waiting.offer(w)) {
      w.answer().complete(Optional.empty());
      return w.answer();
    }
    wake();
    return w.answer();
  }

  /** How many statements have read how many numbers so far. */
  public record Reads(long statements, long numbers) {}

  /** The statements and numbers read so far. */
  public Reads reads() {
    return new Reads(statements.sum(), numbersRead.sum());
  }

  /** Stops reading; numbers still waiting answer empty. */
  public void stop() {
    readers.shutdown();
    answerWaitingEmpty();
  }

  /** Starts another reader while fewer than {@code threads} run. */
  private void wake() {
    while (true) {
      int now = reading.get();
      if (now >= threads) {
        return;
      }
      if (reading.compareAndSet(now, now + 1)) {
        try {
          readers.execute(this::readWaiting);
        } catch (RejectedExecutionException e) {
          reading.decrementAndGet(); // stopped
          answerWaitingEmpty();
        }
        return;
      }
    }
  }

  private void readWaiting() {
    try {
      List<Waiting> batch = new ArrayList<>();
      while (true) {
        batch.clear();
        Waiting first = waiting.poll();
        if (first == null) {
          break;
        }
        batch.add(first);
        waiting.drainTo(batch, MAX_BATCH - 1);
        readBatch(batch);
      }
    } finally {
      reading.decrementAndGet();
      // A number queued while this reader was leaving may have found every reader busy.
      if (!waiting.isEmpty()) {
        wake();
      }
    }
  }

  private void readBatch(List<Waiting> batch) {
    long now = System.nanoTime();
    List<Waiting> due = new ArrayList<>(batch.size());
    for (Waiting w : batch) {
      // A lookup past its budget has answered: reading for it would only load the database.
      if (now - w.deadlineNanos() >= 0) {
        w.answer().complete(Optional.empty());
      } else {
        due.add(w);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    List<DirectoryNames> found;
    try {
      found = memory.readBoth(due.stream().map(Waiting::number).toList());
    } catch (RuntimeException e) {
      LOG.debugf("Directory read of %d number(s) failed: %s", due.size(), e.toString());
      due.forEach(w -> w.answer().complete(Optional.empty()));
      return;
    }
    statements.increment();
    numbersRead.add(due.size());
    for (int i = 0; i < due.size(); i++) {
      due.get(i).answer().complete(Optional.of(found.get(i)));
    }
  }

  private void answerWaitingEmpty() {
    Waiting w;
    while ((w = waiting.poll()) != null) {
      w.answer().complete(Optional.empty());
    }
  }
}
