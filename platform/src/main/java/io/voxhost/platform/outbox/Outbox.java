package io.voxhost.platform.outbox;

import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.limits.KeyedSlots;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * Events between roles, through {@code platform.outbox} (cti-design.md, section 7). A role that
 * changes something in a transaction publishes on that transaction's connection: the change and its
 * event commit together or not at all. A role whose change has no transaction (a SIP redirect
 * answered from memory, a file served) offers the event to a bounded buffer that one writer puts in
 * the outbox every few milliseconds: the answer does not wait for PostgreSQL, and a node that dies
 * loses at most the events of the last {@link #FLUSH_MILLIS} (a full buffer drops events, counted
 * as {@code voxhost_platform_outbox_events_total{outcome="dropped"}}). A consumer claims rows and
 * deletes them in the transaction where it stores what they became.
 *
 * <p>With no consumer seen within {@link #RETENTION} (no node runs the cti role), nothing is
 * written: a deployment that does not follow events keeps no outbox. Rows nobody took within the
 * retention are deleted.
 */
@ApplicationScoped
public class Outbox {

  private static final Logger LOG = Logger.getLogger(Outbox.class);

  /** How long an event waits for a consumer, and how long a consumer counts as present. */
  public static final Duration RETENTION = Duration.ofDays(1);

  /** Events the buffer holds at most, all tenants. */
  static final int BUFFER = 20_000;

  /** Events one tenant may have in the buffer. */
  static final int TENANT_BUFFER = 5_000;

  /** How often the writer puts the buffer in the outbox. */
  static final long FLUSH_MILLIS = 20;

  /** How long whether anyone consumes is believed before it is asked again. */
  private static final long CONSUMERS_CHECKED_EVERY_MILLIS = 10_000;

  /** How often expired rows are deleted. */
  private static final long EXPIRE_EVERY_MILLIS = 600_000;

  /** An event claimed by a consumer, with its row id. */
  public record Taken(long id, OutboxEvent event) {}

  /** What a consumer does with the events it claimed, on the claiming transaction's connection. */
  public interface Taker {
    void take(Connection c, List<Taken> events) throws SQLException;
  }

  private final Jdbc jdbc;
  private final RoleThreads threads;
  private final LinkedBlockingQueue<OutboxEvent> buffer = new LinkedBlockingQueue<>(BUFFER);
  private final KeyedSlots<UUID> perTenant = new KeyedSlots<>(TENANT_BUFFER);
  private final LongAdder written;
  private final LongAdder dropped;
  private final LongAdder skipped;
  private final AtomicInteger writerStarted = new AtomicInteger();
  private volatile boolean consumed;
  private volatile long consumersCheckedAt = Long.MIN_VALUE / 2;
  private volatile long consumerSeenAt = Long.MIN_VALUE / 2;
  private volatile long lastDropLog = Long.MIN_VALUE / 2;
  private volatile boolean stopping;
  private Thread writer;

  Outbox(Jdbc jdbc, RoleThreads threads, Meters meters) {
    this.jdbc = jdbc;
    this.threads = threads;
    this.written = events(meters, "written");
    this.dropped = events(meters, "dropped");
    this.skipped = events(meters, "unfollowed");
    meters.gauge(
        MeterName.of("platform", "outbox_buffered_events"),
        "Events waiting in the outbox buffer to be written",
        buffer::size);
  }

  /**
   * Writes {@code events} in the caller's transaction, on its connection: they are in the outbox if
   * and only if the caller's change commits. Nothing is written when no role follows events.
   */
  public void publish(Connection c, List<OutboxEvent> events) throws SQLException {
    if (events.isEmpty() || !followed()) {
      skipped.add(events.size());
      return;
    }
    insert(c, events);
  }

  /**
   * Buffers {@code event} for the writer, for a change that has no transaction. False, keeping
   * nothing, when the buffer or the tenant's share of it is full (counted, logged at most once a
   * minute) or when no role follows events.
   */
  public boolean offer(OutboxEvent event) {
    if (!followed()) {
      skipped.increment();
      return false;
    }
    if (!perTenant.tryTake(event.tenant())) {
      drop(event);
      return false;
    }
    if (!buffer.offer(event)) {
      perTenant.give(event.tenant());
      drop(event);
      return false;
    }
    return true;
  }

  /**
   * Claims up to {@code limit} events, oldest first, that no other consumer holds, and hands them
   * to {@code taker} in one transaction: deleted when it returns, left for the next claim when it
   * throws. Says that {@code consumer} follows events.
   *
   * @return how many were taken
   */
  public int take(String consumer, int limit, Taker taker) {
    long now = System.currentTimeMillis();
    if (now - consumerSeenAt > CONSUMERS_CHECKED_EVERY_MILLIS) {
      jdbc.update(
          "INSERT INTO platform.outbox_consumer (name, seen_at) VALUES (?, now())"
              + " ON CONFLICT (name) DO UPDATE SET seen_at = now()",
          consumer);
      consumerSeenAt = now;
      consumed = true;
    }
    return jdbc.transaction(
        c -> {
          List<Taken> taken =
              Jdbc.list(
                  c,
                  "DELETE FROM platform.outbox WHERE id IN (SELECT id FROM platform.outbox"
                      + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)"
                      + " RETURNING id, tenant_id, topic, at, subject, body",
                  rs ->
                      new Taken(
                          rs.getLong(1),
                          new OutboxEvent(
                              rs.getObject(2, UUID.class),
                              rs.getString(3),
                              rs.getTimestamp(4).toInstant(),
                              rs.getString(5),
                              rs.getString(6))),
                  limit);
          if (!taken.isEmpty()) {
            taker.take(c, taken);
          }
          return taken.size();
        });
  }

  /** Deletes the events nobody took within the retention; returns how many. */
  public int expire() {
    return jdbc.update(
        "DELETE FROM platform.outbox WHERE written_at < now() - make_interval(secs => ?)",
        (double) RETENTION.toSeconds());
  }

  /**
   * Whether some role follows events, as the writer last found (it asks the database every few
   * seconds while one does, every second while none does). Never asks itself: it is read on the SIP
   * and TFTP threads, which must not wait for PostgreSQL.
   */
  boolean followed() {
    startWriter();
    return consumed;
  }

  /** Asks the database whether some role follows events, when it is time to. */
  private void checkFollowed() {
    long now = System.currentTimeMillis();
    long every = consumed ? CONSUMERS_CHECKED_EVERY_MILLIS : 1000;
    if (now - consumersCheckedAt > every) {
      consumersCheckedAt = now;
      consumed =
          jdbc.one(
                  "SELECT EXISTS (SELECT 1 FROM platform.outbox_consumer"
                      + " WHERE seen_at > now() - make_interval(secs => ?))",
                  rs -> rs.getBoolean(1),
                  (double) RETENTION.toSeconds())
              .orElse(false);
    }
  }

  private void insert(Connection c, List<OutboxEvent> events) throws SQLException {
    List<Object[]> rows = new ArrayList<>(events.size());
    for (OutboxEvent e : events) {
      rows.add(new Object[] {e.tenant(), e.topic(), Timestamp.from(e.at()), e.subject(), e.body()});
    }
    Jdbc.batch(
        c,
        "INSERT INTO platform.outbox (tenant_id, topic, at, subject, body)"
            + " VALUES (?, ?, ?, ?, ?::jsonb)",
        rows);
    written.add(events.size());
  }

  private void drop(OutboxEvent event) {
    dropped.increment();
    long now = System.currentTimeMillis();
    if (now - lastDropLog > 60_000) {
      lastDropLog = now;
      LOG.warnf(
          "The outbox buffer is full (%d events, %d a tenant): %s events are dropped, not"
              + " followed; the database is slow or away",
          BUFFER, TENANT_BUFFER, event.topic());
    }
  }

  private void startWriter() {
    if (writerStarted.compareAndSet(0, 1)) {
      synchronized (this) {
        writer = threads.thread("platform", "outbox-writer", this::write);
        writer.start();
      }
    }
  }

  /** The writer: the buffer into the outbox in batches; expired rows out now and then. */
  private void write() {
    long nextExpiry = System.currentTimeMillis() + EXPIRE_EVERY_MILLIS;
    List<OutboxEvent> batch = new ArrayList<>();
    while (!stopping || !buffer.isEmpty()) {
      try {
        checkFollowed();
        OutboxEvent first = buffer.poll(FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          buffer.drainTo(batch, 999);
          flush(batch);
        }
        if (System.currentTimeMillis() > nextExpiry) {
          nextExpiry = System.currentTimeMillis() + EXPIRE_EVERY_MILLIS;
          expire();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("The outbox writer failed, trying again: %s", e.toString());
        sleep();
      }
    }
  }

  /** Writes a batch; kept and tried again while the database is away (the buffer then fills). */
  private void flush(List<OutboxEvent> batch) {
    while (true) {
      try {
        jdbc.transaction(
            c -> {
              insert(c, batch);
              return null;
            });
        batch.forEach(e -> perTenant.give(e.tenant()));
        batch.clear();
        return;
      } catch (RuntimeException e) {
        if (stopping) {
          dropped.add(batch.size());
          batch.forEach(x -> perTenant.give(x.tenant()));
          batch.clear();
          return;
        }
        LOG.warnf("The outbox writer could not write %d events, trying again: %s", batch.size(), e);
        sleep();
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes what is buffered (for at most a second) before the node goes. */
  @PreDestroy
  void stop() {
    stopping = true;
    Thread w;
    synchronized (this) {
      w = writer;
    }
    if (w != null) {
      try {
        w.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      w.interrupt();
    }
  }

  private static LongAdder events(Meters meters, String outcome) {
    return meters.adder(
        MeterName.of("platform", "outbox_events"),
        "Events between roles, by what became of them",
        "outcome",
        outcome);
  }
}
