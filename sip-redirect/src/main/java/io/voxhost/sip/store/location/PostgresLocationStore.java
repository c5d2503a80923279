package io.voxhost.sip.store.location;

import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.sip.SipConfig;
import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.Binding;
import io.voxhost.sip.service.BindingIndex;
import io.voxhost.sip.service.LocationStore;
import io.voxhost.sip.service.RegisterOutcome;
import io.voxhost.sip.service.StagedChange;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The location service: PostgreSQL is the system of record, an in-memory index answers lookups.
 * Local changes go to the index at once and to the database through the {@link BindingJournal};
 * other nodes' changes arrive by NOTIFY and are read back from the database.
 */
@Singleton
public class PostgresLocationStore implements LocationStore {

  private static final Logger LOG = Logger.getLogger(PostgresLocationStore.class);
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  private final DataSource dataSource;
  private final SipConfig.Location config;
  private final BindingIndex index = new BindingIndex();
  private final ChangeFeed feed;
  private final Outbox outbox;
  private final RoleThreads threads;
  private final DatabaseOutages outages;

  /** AORs whose change failed to be stored: memory is read back from the database when it can. */
  private final Set<AddressOfRecord> unsynced = ConcurrentHashMap.newKeySet();

  private BindingJournal journal;
  private volatile Instant lastPurge = Instant.EPOCH;

  PostgresLocationStore(
      DataSource dataSource,
      SipConfig config,
      ChangeFeed feed,
      DatabaseOutages outages,
      RoleThreads threads,
      Outbox outbox) {
    this.outbox = outbox;
    this.dataSource = dataSource;
    this.outages = outages;
    this.threads = threads;
    this.config = config.location();
    this.feed = feed;
  }

  /**
   * Starts writing changes and follows other nodes' through the {@link ChangeFeed}; returns once
   * the feed has loaded every live binding.
   *
   * @throws IllegalStateException when the bindings were not loaded within {@code loadTimeout}
   */
  public void start(Duration loadTimeout) throws InterruptedException {
    synchronized (this) {
      journal =
          new BindingJournal(
              dataSource,
              feed,
              outages,
              threads,
              outbox,
              config.writeQueue(),
              config.writeBatch(),
              this::reloadOrRemember);
      journal.start();
    }
    feed.subscribe(BindingJournal.CHANNEL, this::changedElsewhere, this::resync)
        .awaitSynchronised(loadTimeout);
  }

  /** Writes what is queued. */
  public synchronized void stop() {
    if (journal != null) {
      journal.stop();
      journal = null;
    }
  }

  @Override
  public List<Binding> lookup(AddressOfRecord aor, Instant now) {
    return index.lookup(aor.key(), now);
  }

  @Override
  public StagedChange update(
      AddressOfRecord aor, Instant now, Function<List<Binding>, RegisterOutcome> change) {
    BindingIndex.Change result = index.update(aor, now, change);
    BindingJournal.Entry entry = entry(aor, result);
    if (entry == null) {
      return new StagedChange(result.outcome(), DONE);
    }
    return new StagedChange(
        result.outcome(),
        journal.append(aor, entry.upserts(), entry.deletes(), false, entry.added()));
  }

  @Override
  public List<RegisterOutcome> rehearse(
      Map<AddressOfRecord, Function<List<Binding>, RegisterOutcome>> changes, Instant now) {
    BindingIndex scratch = new BindingIndex();
    List<RegisterOutcome> outcomes = new ArrayList<>(changes.size());
    List<BindingJournal.Entry> entries = new ArrayList<>(changes.size());
    changes.forEach(
        (aor, change) -> {
          BindingIndex.Change result = scratch.update(aor, now, change);
          outcomes.add(result.outcome());
          BindingJournal.Entry entry = entry(aor, result);
          if (entry != null) {
            entries.add(entry);
          }
        });
    BindingJournal writer;
    synchronized (this) {
      writer = journal;
    }
    if (writer != null) {
      writer.rehearse(entries);
    }
    return outcomes;
  }

  /** What a change stores: null when it stores nothing (a refusal, a query). */
  private static BindingJournal.Entry entry(AddressOfRecord aor, BindingIndex.Change result) {
    if (!(result.outcome() instanceof RegisterOutcome.Registered)) {
      return null;
    }
    Map<String, Binding> before = new HashMap<>();
    for (Binding b : result.before()) {
      before.put(b.contactKey(), b);
    }
    List<Binding> upserts = new ArrayList<>();
    for (Binding b : result.after()) {
      if (!b.equals(before.remove(b.contactKey()))) {
        upserts.add(b);
      }
    }
    List<Binding> deletes = List.copyOf(before.values());
    if (upserts.isEmpty() && deletes.isEmpty()) {
      return null; // a query changes nothing
    }
    // Contacts that were not bound before: the registrations to tell (a refresh is no change).
    Set<String> added = new HashSet<>();
    for (Binding b : result.after()) {
      added.add(b.contactKey());
    }
    for (Binding b : result.before()) {
      added.remove(b.contactKey());
    }
    return new BindingJournal.Entry(aor, upserts, deletes, false, added, null);
  }

  @Override
  public CompletionStage<Integer> removeAll(AddressOfRecord aor) {
    int removed = index.remove(aor.key()).size();
    return journal.append(aor, List.of(), List.of(), true, Set.of()).thenApply(v -> removed);
  }

  @Override
  public List<Binding> list(UUID tenantId, String user, Instant now, int limit) {
    String prefix = tenantId + "/";
    String exact = user == null ? null : prefix + user;
    return index.select(
        key -> exact == null ? key.startsWith(prefix) : key.equals(exact), now, limit);
  }

  /**
   * Removes expired bindings from memory, reads back the AORs whose changes could not be stored,
   * and now and then purges expired rows; throws when the database does not answer, so that the
   * caller backs off.
   */
  @Override
  public int sweep(Instant now) {
    int removed = index.sweep(now);
    if (!unsynced.isEmpty()) {
      Set<AddressOfRecord> retry = Set.copyOf(unsynced);
      reload(retry);
      unsynced.removeAll(retry);
    }
    if (now.isAfter(lastPurge.plus(config.purgeInterval()))) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(false);
        // Rows are kept a little past expiry so that a node with a slower clock still agrees.
        Instant before = now.minus(config.purgeInterval());
        List<Binding> gone;
        do {
          gone = BindingRows.purge(c, before);
          // Each expiry is told once, in the transaction that deletes the row (cti.md).
          outbox.publish(c, RegistrationEvents.expired(gone));
          c.commit();
        } while (gone.size() == BindingRows.PURGE_STEP);
        lastPurge = now;
      } catch (SQLException e) {
        throw DatabaseFailure.of(e);
      }
    }
    return removed;
  }

  @Override
  public long size() {
    return index.size();
  }

  /** Queued changes not yet durable. */
  public int backlog() {
    BindingJournal j = journal;
    return j == null ? 0 : j.backlog();
  }

  private void changedElsewhere(List<String> lines) {
    Set<AddressOfRecord> aors = new LinkedHashSet<>();
    for (String line : lines) {
      String[] f = line.split("\t", 3);
      if (f.length == 3) {
        try {
          aors.add(new AddressOfRecord(UUID.fromString(f[0]), f[1], f[2]));
        } catch (IllegalArgumentException e) {
          LOG.debugf("Ignoring a malformed binding notification: %s", line);
        }
      }
    }
    if (!aors.isEmpty()) {
      reloadOrRemember(aors);
    }
  }

  /**
   * After a change failed to be stored: memory is read back from the database at once, or, while
   * the database is away, by the next sweep that finds it back.
   */
  private void reloadOrRemember(Set<AddressOfRecord> aors) {
    if (outages.recentlyAway()) {
      unsynced.addAll(aors);
      return;
    }
    try {
      reload(aors);
    } catch (DatabaseFailure e) {
      LOG.warnf("Could not reload %d AOR(s) from the database: %s", aors.size(), e.toString());
      unsynced.addAll(aors);
    }
  }

  /** Reads the given AORs back from the database into the index. */
  private void reload(Set<AddressOfRecord> aors) {
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      Map<String, List<Binding>> found = new HashMap<>();
      for (Binding b : BindingRows.loadAors(c, aors, now)) {
        found.computeIfAbsent(b.aor().key(), k -> new ArrayList<>()).add(b);
      }
      for (AddressOfRecord aor : aors) {
        index.replace(aor.key(), found.getOrDefault(aor.key(), List.of()));
      }
    } catch (SQLException e) {
      throw DatabaseFailure.of(e);
    }
  }

  /** Replaces the whole index with what the database holds. */
  private void resync() {
    Instant now = Instant.now();
    Map<String, List<Binding>> loaded = new HashMap<>();
    try (Connection c = dataSource.getConnection()) {
      BindingRows.loadLive(
          c, now, b -> loaded.computeIfAbsent(b.aor().key(), k -> new ArrayList<>()).add(b));
    } catch (SQLException e) {
      throw new IllegalStateException("could not load bindings: " + e.getMessage(), e);
    }
    for (String key : index.aorKeys()) {
      if (!loaded.containsKey(key)) {
        index.remove(key);
      }
    }
    loaded.forEach(index::replace);
    LOG.infof("Location index holds %d binding(s) of %d AOR(s)", index.size(), loaded.size());
  }
}
