package io.voxhost.sip.store.location;

import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.Binding;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Writes binding changes to PostgreSQL in group commits: one thread takes whatever has queued (up
 * to {@code maxBatch} changes), applies it in one transaction and only then completes the changes'
 * futures, so a 200 OK is never sent for a binding a crash could lose. The queue is bounded; a full
 * queue refuses the change at once.
 */
final class BindingJournal {

  private static final Logger LOG = Logger.getLogger(BindingJournal.class);
  static final String CHANNEL = "voxhost_sip_binding";

  /** One AOR's change: contacts to upsert, contacts to delete, or the whole AOR to delete. */
  record Entry(
      AddressOfRecord aor,
      List<Binding> upserts,
      List<Binding> deletes,
      boolean deleteAll,
      Set<String> added,
      CompletableFuture<Void> done) {}

  private final DataSource dataSource;
  private final ChangeFeed feed;
  private final Outbox outbox;
  private final DatabaseOutages outages;
  private final int maxBatch;
  private final BlockingQueue<Entry> queue;
  private final RoleThreads threads;
  private final Consumer<Set<AddressOfRecord>> onFailure;
  private volatile boolean running;
  private Thread thread;

  BindingJournal(
      DataSource dataSource,
      ChangeFeed feed,
      DatabaseOutages outages,
      RoleThreads threads,
      Outbox outbox,
      int capacity,
      int maxBatch,
      Consumer<Set<AddressOfRecord>> onFailure) {
    this.dataSource = dataSource;
    this.feed = feed;
    this.outbox = outbox;
    this.outages = outages;
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.threads = threads;
    threads.watch("sip", "binding-writes", queue);
    this.onFailure = onFailure;
  }

  synchronized void start() {
    running = true;
    thread = threads.thread("sip", "journal", this::run);
    thread.start();
  }

  /** Stops taking changes and writes what is queued. */
  synchronized void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  /** Queues a change; the future completes when it is committed. */
  CompletableFuture<Void> append(
      AddressOfRecord aor,
      List<Binding> upserts,
      List<Binding> deletes,
      boolean deleteAll,
      Set<String> added) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (outages.recentlyAway()) {
      // Another batch would only wait out the deadline again: the phone is told to retry later.
      done.completeExceptionally(DatabaseFailure.away("binding not stored"));
      onFailure.accept(Set.of(aor));
    } else if (!running) {
      done.completeExceptionally(new RejectedExecutionException("location store is stopped"));
    } else if (!queue.offer(new Entry(aor, upserts, deletes, deleteAll, added, done))) {
      done.completeExceptionally(new RejectedExecutionException("location store queue is full"));
    }
    return done;
  }

  int backlog() {
    return queue.size();
  }

  private void run() {
    List<Entry> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Entry first = running ? queue.poll(1, TimeUnit.SECONDS) : queue.poll();
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        write(batch);
      } catch (InterruptedException e) {
        // stop() was called: loop once more to drain the queue.
      } finally {
        batch.clear();
      }
    }
  }

  /**
   * Writes the entries as a batch would be written, on the caller's thread, and rolls the
   * transaction back: the warm-up's way through this path. Failures are only logged.
   */
  void rehearse(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        apply(c, entries);
      } finally {
        c.rollback();
      }
    } catch (SQLException | RuntimeException e) {
      LOG.debugf("Warm-up write failed: %s", e.toString());
    }
  }

  private void write(List<Entry> batch) {
    Set<AddressOfRecord> touched = new LinkedHashSet<>();
    for (Entry e : batch) {
      touched.add(e.aor());
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        apply(c, batch);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
      outages.answered();
      for (Entry e : batch) {
        e.done().complete(null);
      }
    } catch (SQLException | RuntimeException e) {
      if (DatabaseFailure.isOutage(e)) {
        outages.stopped("sip", "binding-write");
      }
      LOG.warnf("Could not store %d binding change(s): %s", batch.size(), e.toString());
      for (Entry entry : batch) {
        entry.done().completeExceptionally(e);
      }
      onFailure.accept(touched);
    }
  }

  /** The batch's statements, in the caller's transaction. */
  private void apply(Connection c, List<Entry> batch) throws SQLException {
    // Later changes of a contact replace earlier ones in the same batch; a whole-AOR delete
    // cancels earlier changes of that AOR and runs before the upserts that follow it.
    Map<String, Binding> upserts = new LinkedHashMap<>();
    Map<String, Binding> deletes = new LinkedHashMap<>();
    Set<AddressOfRecord> wiped = new LinkedHashSet<>();
    Set<AddressOfRecord> touched = new LinkedHashSet<>();
    for (Entry e : batch) {
      touched.add(e.aor());
      if (e.deleteAll()) {
        String prefix = e.aor().key() + "\u0000";
        upserts.keySet().removeIf(k -> k.startsWith(prefix));
        deletes.keySet().removeIf(k -> k.startsWith(prefix));
        wiped.add(e.aor());
      }
      for (Binding b : e.deletes()) {
        String k = rowKey(b);
        upserts.remove(k);
        deletes.put(k, b);
      }
      for (Binding b : e.upserts()) {
        String k = rowKey(b);
        deletes.remove(k);
        upserts.put(k, b);
      }
    }
    BindingRows.deleteAors(c, wiped);
    BindingRows.deleteContacts(c, new ArrayList<>(deletes.values()));
    BindingRows.upsert(c, upserts.values());
    feed.publish(c, CHANNEL, touched.stream().map(BindingJournal::line).toList());
    // Registrations and their ends, for the cti role: they commit with the bindings.
    outbox.publish(c, RegistrationEvents.of(batch));
  }

  /** An AOR as one line of a change notification. */
  static String line(AddressOfRecord aor) {
    return aor.tenantId() + "\t" + aor.user() + "\t" + aor.domain();
  }

  private static String rowKey(Binding b) {
    return b.aor().key() + "\u0000" + b.contactKey();
  }
}
