package io.voxhost.platform.database;

import io.voxhost.platform.concurrent.RoleThreads;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Changes other nodes made, from PostgreSQL LISTEN/NOTIFY on a connection of its own. A payload is
 * the sending node's id and then one line per changed item; a node skips its own payloads. Each
 * (re)connection first listens and then runs the resynchronisation, so nothing committed while the
 * feed was away is missed.
 */
@Singleton
public class ChangeFeed {

  private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

  /** NOTIFY payloads must stay under 8000 bytes. */
  private static final int MAX_PAYLOAD = 7_000;

  private final DataSource dataSource;
  private final String nodeId = UUID.randomUUID().toString();
  // Subscribers are application-scoped beans made on first use, often after start(): the feed
  // thread picks up channels added later (see listenToNewChannels), so both maps are concurrent.
  private final Map<String, Consumer<List<String>>> channels = new ConcurrentHashMap<>();
  private final Map<String, Runnable> resyncs = new ConcurrentHashMap<>();
  private final CountDownLatch firstSync = new CountDownLatch(1);
  private volatile boolean running;
  private volatile Thread thread;

  private final RoleThreads threads;

  ChangeFeed(DataSource dataSource, RoleThreads threads) {
    this.dataSource = dataSource;
    this.threads = threads;
  }

  /** Hands the lines other nodes sent on {@code channel} to {@code handler}. */
  public void subscribe(String channel, Consumer<List<String>> handler, Runnable resync) {
    resyncs.put(channel, resync);
    channels.put(channel, handler);
  }

  /**
   * Tells the other nodes about changed items, in the caller's transaction when there is one (a
   * {@code @Transactional} service): delivered only if it commits.
   */
  public void publish(String channel, Iterable<String> lines) {
    try (Connection c = dataSource.getConnection()) {
      publish(c, channel, lines);
    } catch (SQLException e) {
      throw DatabaseFailure.of(e);
    }
  }

  /** As above, on a store's own connection and transaction. */
  public void publish(Connection c, String channel, Iterable<String> lines) throws SQLException {
    List<String> payloads = new ArrayList<>();
    StringBuilder payload = new StringBuilder(nodeId);
    for (String line : lines) {
      if (payload.length() + line.length() + 1 > MAX_PAYLOAD) {
        payloads.add(payload.toString());
        payload.setLength(0);
        payload.append(nodeId);
      }
      payload.append('\n').append(line);
    }
    if (payload.length() > nodeId.length()) {
      payloads.add(payload.toString());
    }
    if (payloads.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("select count(pg_notify(?, p)) from unnest(?::text[]) p")) {
      ps.setString(1, channel);
      ps.setArray(2, c.createArrayOf("text", payloads.toArray()));
      ps.executeQuery().close();
    }
  }

  /**
   * Starts listening; returns once the first resynchronisation is done. The roles that subscribe
   * start it; a second start only waits for the first synchronisation.
   */
  public synchronized void start(long timeoutMillis) throws InterruptedException {
    if (running) {
      if (!firstSync.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the change feed did not synchronise in time");
      }
      return;
    }
    running = true;
    Thread t = threads.thread("node", "change-feed", this::run);
    thread = t;
    t.start();
    if (!firstSync.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
      stop();
      throw new IllegalStateException(
          "the state could not be loaded from the database in " + timeoutMillis + " ms");
    }
  }

  public synchronized void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
  }

  private void run() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        Set<String> listening = new HashSet<>();
        listenToNewChannels(c, listening);
        firstSync.countDown();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          dispatch(pg.getNotifications(500));
          listenToNewChannels(c, listening);
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          LOG.warnf("Change feed interrupted, reconnecting: %s", e.toString());
          pause();
        }
      }
    }
  }

  /**
   * Listens to the channels subscribed since the last call and then resynchronises them: what their
   * caches took in before the LISTEN may have missed a change.
   */
  private void listenToNewChannels(Connection c, Set<String> listening) throws SQLException {
    List<String> added = new ArrayList<>();
    for (String channel : channels.keySet()) {
      if (!listening.contains(channel)) {
        added.add(channel);
      }
    }
    if (added.isEmpty()) {
      return;
    }
    try (Statement s = c.createStatement()) {
      for (String channel : added) {
        s.execute("listen " + channel);
      }
    }
    listening.addAll(added);
    for (String channel : added) {
      resyncs.get(channel).run();
    }
  }

  private void dispatch(PGNotification[] notes) {
    if (notes == null || notes.length == 0) {
      return;
    }
    Map<String, List<String>> lines = new LinkedHashMap<>();
    for (PGNotification note : notes) {
      String[] parts = note.getParameter().split("\n");
      if (parts.length < 2 || parts[0].equals(nodeId)) {
        continue; // our own change is applied already
      }
      List<String> into = lines.computeIfAbsent(note.getName(), k -> new ArrayList<>());
      for (int i = 1; i < parts.length; i++) {
        into.add(parts[i]);
      }
    }
    lines.forEach(
        (channel, changed) -> {
          Consumer<List<String>> handler = channels.get(channel);
          if (handler != null) {
            handler.accept(changed);
          }
        });
  }

  private void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
