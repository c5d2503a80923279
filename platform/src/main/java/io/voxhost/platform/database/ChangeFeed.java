package io.voxhost.platform.database;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Changes other nodes made, from PostgreSQL LISTEN/NOTIFY on a connection of its own. A payload is
 * the sending node's id and then one line per changed item; a subscriber hears other nodes'
 * payloads only, or every node's (its own included) if it asks. Each (re)connection first listens
 * and then runs every subscriber's resynchronisation, so nothing committed while the feed was away
 * is missed: a subscriber's resynchronisation is how it learns of a reconnection.
 *
 * <p>The platform owns the feed: the node starts it before its roles and stops it after them. Roles
 * subscribe when they start (or on first use) and may wait for their first synchronisation.
 */
@Singleton
public class ChangeFeed {

  private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

  /** NOTIFY payloads must stay under 8000 bytes. */
  private static final int MAX_PAYLOAD = 7_000;

  /** Channels are listened to by name, unquoted: PostgreSQL identifiers in lower case. */
  private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private static final Duration POLL = Duration.ofMillis(500);

  /** Whose changes a subscriber hears. */
  public enum Senders {
    /** Other nodes' only: the subscriber applies this node's changes itself. */
    OTHER_NODES,
    /** Every node's, this one's included, once its transaction has committed. */
    EVERY_NODE
  }

  private final DataSource dataSource;
  private final String nodeId = UUID.randomUUID().toString();

  /** This node's private channel: a NOTIFY on it makes the feed look for new subscriptions now. */
  private final String wakeChannel = "voxhost_feed_" + nodeId.replace("-", "");

  // Subscribers are beans made at their role's start or on first use, after start(): the feed
  // thread picks up subscriptions added later (see listenToNew), so the map is concurrent.
  /** By follower and channel. */
  private final Map<String, Subscription> channels = new ConcurrentHashMap<>();

  private final RoleThreads threads;
  private final Counter reconnects;
  private volatile boolean running;
  private volatile CountDownLatch connected = new CountDownLatch(1);
  private Thread thread;

  ChangeFeed(DataSource dataSource, RoleThreads threads, Meters meters) {
    this.dataSource = dataSource;
    this.threads = threads;
    this.reconnects =
        meters.counter(
            MeterName.of("node", "change_feed_reconnects"),
            "Times the change feed lost its database connection; each costs every subscriber a"
                + " full reload");
  }

  /** One channel's subscriber, as the feed serves it. */
  public final class Subscription {
    private final String channel;
    private final Senders senders;
    private final Consumer<List<String>> handler;
    private final Runnable resync;
    private final CountDownLatch synchronised = new CountDownLatch(1);

    private Subscription(
        String channel, Senders senders, Consumer<List<String>> handler, Runnable resync) {
      this.channel = channel;
      this.senders = senders;
      this.handler = handler;
      this.resync = resync;
    }

    /**
     * Returns once the feed listens on the channel and has run the resynchronisation once (a role
     * waits for this before it serves from what the resynchronisation loaded).
     *
     * @throws IllegalStateException when that did not happen within {@code timeout}
     */
    public void awaitSynchronised(Duration timeout) throws InterruptedException {
      if (synchronised.getCount() > 0) {
        wake();
      }
      if (!synchronised.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "the change feed did not listen to "
                + channel
                + " and load its state within "
                + timeout.toMillis()
                + " ms");
      }
    }
  }

  /** Hands the lines other nodes send on {@code channel} to {@code handler}. */
  public Subscription subscribe(String channel, Consumer<List<String>> handler, Runnable resync) {
    return subscribe(channel, Senders.OTHER_NODES, handler, resync);
  }

  /**
   * Hands the lines sent on {@code channel} to {@code handler}, on the feed's thread; runs {@code
   * resync} on it after each (re)connection, once the channel is listened to, so that a change the
   * feed could not deliver is made up for. Both may throw: the feed then reconnects and resyncs. A
   * second subscription to a channel replaces the first; use {@link #subscribe(String, String,
   * Senders, Consumer, Runnable)} where several parts of a node follow one channel.
   */
  public Subscription subscribe(
      String channel, Senders senders, Consumer<List<String>> handler, Runnable resync) {
    return subscribe(channel, channel, senders, handler, resync);
  }

  /**
   * As above, as {@code follower}: each follower of a channel is served, and a follower's second
   * subscription to the same channel replaces its first (a role that starts again).
   */
  public Subscription subscribe(
      String follower,
      String channel,
      Senders senders,
      Consumer<List<String>> handler,
      Runnable resync) {
    if (!CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("not a channel name: " + channel);
    }
    Subscription subscription = new Subscription(channel, senders, handler, resync);
    channels.put(follower + "\u0000" + channel, subscription);
    return subscription;
  }

  /**
   * Tells the nodes subscribed to {@code channel} about changed items, in the caller's transaction
   * when there is one (a {@code @Transactional} service): delivered only if it commits.
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
   * Connects and listens; returns once the feed's connection is up. The node calls it before it
   * starts its roles; a second start while running does nothing.
   *
   * @throws IllegalStateException when the database did not answer within {@code timeout}
   */
  public synchronized void start(Duration timeout) throws InterruptedException {
    if (running) {
      return;
    }
    running = true;
    CountDownLatch up = new CountDownLatch(1);
    connected = up;
    Thread t = threads.thread("node", "change-feed", this::run);
    thread = t;
    t.start();
    if (!up.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      stop();
      throw new IllegalStateException(
          "the change feed could not listen within " + timeout.toMillis() + " ms");
    }
  }

  /** Stops listening; the node calls it after its roles stopped. Publishing still works. */
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
    boolean failed = false;
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        try {
          listen(c, failed);
          failed = false;
        } finally {
          unlisten(c);
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          failed = true;
          LOG.warnf("Change feed interrupted, reconnecting: %s", e.toString());
          pause();
        }
      }
    }
  }

  /** Listens on {@code c} and dispatches what arrives until stopped or the connection fails. */
  private void listen(Connection c, boolean afterFailure) throws SQLException {
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("listen " + wakeChannel);
    }
    if (afterFailure) {
      reconnects.increment();
    }
    connected.countDown();
    Set<Subscription> synced = Collections.newSetFromMap(new IdentityHashMap<>());
    listenToNew(c, synced);
    PGConnection pg = c.unwrap(PGConnection.class);
    while (running) {
      dispatch(pg.getNotifications((int) POLL.toMillis()));
      listenToNew(c, synced);
    }
  }

  /**
   * Before the connection goes back to the pool: a listening connection left idle there would hold
   * back PostgreSQL's notification queue for every node. A dead one fails here, through the pool's
   * wrapper, which then discards it rather than hand it to the next borrower.
   */
  private static void unlisten(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("unlisten *");
    } catch (SQLException | RuntimeException e) {
      LOG.debugf("Change feed connection not reset (the pool discards it): %s", e.toString());
    }
  }

  /**
   * Listens to the channels subscribed since the last call (on this connection) and then
   * resynchronises them: what their subscribers took in before the LISTEN may have missed a change.
   */
  private void listenToNew(Connection c, Set<Subscription> synced) throws SQLException {
    List<Subscription> added = new ArrayList<>();
    for (Subscription subscription : channels.values()) {
      if (!synced.contains(subscription)) {
        added.add(subscription);
      }
    }
    if (added.isEmpty()) {
      return;
    }
    try (Statement s = c.createStatement()) {
      for (Subscription subscription : added) {
        s.execute("listen " + subscription.channel);
      }
    }
    for (Subscription subscription : added) {
      subscription.resync.run();
      synced.add(subscription);
      subscription.synchronised.countDown();
    }
  }

  private void dispatch(PGNotification[] notes) {
    if (notes == null || notes.length == 0) {
      return;
    }
    Map<Subscription, List<String>> lines = new LinkedHashMap<>();
    for (PGNotification note : notes) {
      String[] parts = note.getParameter().split("\n");
      if (parts.length < 2) {
        continue; // a wake-up
      }
      for (Subscription subscription : channels.values()) {
        if (!subscription.channel.equals(note.getName())
            || parts[0].equals(nodeId) && subscription.senders == Senders.OTHER_NODES) {
          continue; // another channel, or our own change, applied already
        }
        List<String> into = lines.computeIfAbsent(subscription, k -> new ArrayList<>());
        for (int i = 1; i < parts.length; i++) {
          into.add(parts[i]);
        }
      }
    }
    lines.forEach((subscription, changed) -> subscription.handler.accept(changed));
  }

  /** Makes the feed look for new subscriptions now rather than at its next poll. */
  private void wake() {
    if (!running) {
      return;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select pg_notify(?, ?)")) {
      ps.setString(1, wakeChannel);
      ps.setString(2, nodeId);
      ps.executeQuery().close();
    } catch (SQLException | RuntimeException e) {
      LOG.debugf("Change feed not woken (it looks at its next poll): %s", e.toString());
    }
  }

  private void pause() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
