package io.voxhost.cti.service;

import io.voxhost.cti.CtiConfig;
import io.voxhost.cti.service.FigureStore.FigureRow;
import io.voxhost.platform.concurrent.RepeatingWork;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.limits.KeyedSlots;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a tenant's live stream shows (cti.md, "Live"): its open calls, each call whose state
 * changed, and today's figures per queue. The builder announces on {@link #CHANNEL}, once its
 * transaction commits, which tenants' calls changed; every node marks those of its watched tenants
 * and looks again at most every {@link #EVERY}, once for all of a tenant's watchers. A call's
 * change is seen when a look finds it new, different or gone from the open calls (gone: its record
 * says how it ended), so a call that opens and ends between two looks shows only in the figures.
 */
@ApplicationScoped
public class LiveBoard {

  /** The builder's announcements: one line per tenant whose calls it saved. */
  public static final String CHANNEL = "cti_live";

  /** Open calls a look reads at most; past it the board says there are more. */
  static final int MAX_OPEN = 500;

  /** How often the marked tenants are looked at. */
  static final Duration EVERY = Duration.ofMillis(500);

  /** How often every watched tenant is looked at anyway (a new day, a lost announcement). */
  static final Duration ANYWAY = Duration.ofSeconds(30);

  /** Figure rows (queues) a board holds at most. */
  static final int MAX_QUEUES = 1000;

  /**
   * Who watches: called on the board's thread, so it must hand the data on and return (a watcher
   * that cannot keep up closes its watch).
   */
  public interface Watcher {
    /** The tenant's board now: on the first look after the watch began, then on every change. */
    void board(Board board);

    /** Calls whose state changed since the last look. */
    void changed(List<CallRecord> calls);

    /** Nothing changed at this look (a chance to tell the client it is still connected). */
    void idle();
  }

  /**
   * A tenant's board.
   *
   * @param at when it was looked at
   * @param zone the zone "today" is in
   * @param today today's figures, each queue's and all calls' ({@link CallFigures#ALL})
   * @param open the open calls, by start
   * @param more whether there were more open calls than {@link #MAX_OPEN}
   */
  public record Board(
      Instant at, ZoneId zone, List<FigureRow> today, List<CallRecord> open, boolean more) {}

  /** More watchers than the bounds allow. */
  public static final class Busy extends Exception {
    Busy(String message) {
      super(message);
    }
  }

  /** One watcher's place; closing it ends the watch. */
  public final class Watch implements AutoCloseable {
    private final UUID tenant;
    private final ZoneId zone;
    private final Watcher watcher;
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile boolean fresh = true;

    private Watch(UUID tenant, ZoneId zone, Watcher watcher) {
      this.tenant = tenant;
      this.zone = zone;
      this.watcher = watcher;
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        Watched w = watched.get(tenant);
        if (w != null) {
          w.watches.remove(this);
          watched.computeIfPresent(tenant, (k, v) -> v.watches.isEmpty() ? null : v);
        }
        perTenant.give(tenant);
        node.release();
      }
    }
  }

  /** A watched tenant: its watches, whether to look again, and its open calls at the last look. */
  private static final class Watched {
    final List<Watch> watches = new CopyOnWriteArrayList<>();
    volatile boolean marked = true;
    Map<UUID, CallRecord> open;
  }

  private final CallStore calls;
  private final FigureStore figures;
  private final ChangeFeed feed;
  private final RoleThreads threads;
  private final Semaphore node;
  private final KeyedSlots<UUID> perTenant;
  private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();
  private RepeatingWork work;
  private long lastAnyway = System.nanoTime();

  LiveBoard(
      CallStore calls,
      FigureStore figures,
      ChangeFeed feed,
      RoleThreads threads,
      CtiConfig config) {
    this.calls = calls;
    this.figures = figures;
    this.feed = feed;
    this.threads = threads;
    this.node = new Semaphore(config.liveStreams());
    this.perTenant = new KeyedSlots<>(config.tenantLiveStreams());
  }

  public synchronized void start() {
    if (work != null) {
      return;
    }
    feed.subscribe(
        "cti-live",
        CHANNEL,
        ChangeFeed.Senders.EVERY_NODE,
        lines -> lines.forEach(this::mark),
        () -> watched.values().forEach(w -> w.marked = true));
    work = threads.repeatAlone("cti", "live", EVERY, Duration.ofSeconds(10), this::look).start();
  }

  /** Ends every watch (their streams end; clients reconnect to another node). */
  public synchronized void stop() {
    if (work != null) {
      work.cancel();
      work = null;
    }
    watched.values().forEach(w -> w.watches.forEach(Watch::close));
  }

  /**
   * Starts a watch of {@code tenant}'s board, "today" in {@code zone}.
   *
   * @throws Busy when the tenant or the node has all the watchers it may
   */
  public Watch watch(UUID tenant, ZoneId zone, Watcher watcher) throws Busy {
    if (!perTenant.tryTake(tenant)) {
      throw new Busy(
          "this tenant already has " + perTenant.perKey() + " live streams open on this node");
    }
    if (!node.tryAcquire()) {
      perTenant.give(tenant);
      throw new Busy("this node has all the live streams it may; try again shortly");
    }
    Watch w = new Watch(tenant, zone, watcher);
    Watched t = watched.computeIfAbsent(tenant, k -> new Watched());
    t.watches.add(w);
    t.marked = true;
    return w;
  }

  private void mark(String line) {
    try {
      Watched w = watched.get(UUID.fromString(line.strip()));
      if (w != null) {
        w.marked = true;
      }
    } catch (IllegalArgumentException e) {
      // Not a tenant id: not ours to act on.
    }
  }

  /** Looks at every marked tenant (and at every watched one now and then). */
  void look() {
    boolean anyway = System.nanoTime() - lastAnyway > ANYWAY.toNanos();
    if (anyway) {
      lastAnyway = System.nanoTime();
    }
    RuntimeException failed = null;
    for (Map.Entry<UUID, Watched> e : watched.entrySet()) {
      Watched w = e.getValue();
      if (w.marked || anyway) {
        w.marked = false;
        try {
          look(e.getKey(), w);
        } catch (RuntimeException x) {
          // Looked at again next time; the other tenants are looked at now.
          w.marked = true;
          failed = x;
        }
      } else {
        w.watches.forEach(watch -> watch.watcher.idle());
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  private void look(UUID tenant, Watched w) {
    List<CallRecord> found = calls.open(tenant, MAX_OPEN + 1);
    boolean more = found.size() > MAX_OPEN;
    List<CallRecord> open = more ? found.subList(0, MAX_OPEN) : found;
    Map<UUID, CallRecord> now = new LinkedHashMap<>();
    open.forEach(c -> now.put(c.id(), c));
    List<CallRecord> changed = new ArrayList<>();
    if (w.open != null) {
      Set<UUID> gone = new HashSet<>(w.open.keySet());
      gone.removeAll(now.keySet());
      for (CallRecord c : open) {
        if (!c.equals(w.open.get(c.id()))) {
          changed.add(c);
        }
      }
      // Gone from the open calls: ended (or past MAX_OPEN, then it shows again as open).
      if (!more) {
        changed.addAll(calls.found(tenant, gone));
      }
    }
    w.open = now;
    Instant at = Instant.now();
    Map<ZoneId, Board> boards = new LinkedHashMap<>();
    for (Watch watch : w.watches) {
      if (!changed.isEmpty() && !watch.fresh) {
        watch.watcher.changed(changed);
      }
      watch.fresh = false;
      watch.watcher.board(
          boards.computeIfAbsent(watch.zone, z -> board(tenant, z, at, open, more)));
    }
  }

  private Board board(UUID tenant, ZoneId zone, Instant at, List<CallRecord> open, boolean more) {
    Instant dayStart = LocalDate.ofInstant(at, zone).atStartOfDay(zone).toInstant();
    Instant dayEnd = LocalDate.ofInstant(at, zone).plusDays(1).atStartOfDay(zone).toInstant();
    List<FigureRow> today = new ArrayList<>();
    today.addAll(
        figures.sums(tenant, dayStart, dayEnd, "day", zone, CallFigures.ALL, CallFigures.ALL, 2));
    today.addAll(
        figures.sums(tenant, dayStart, dayEnd, "day", zone, null, CallFigures.ALL, MAX_QUEUES));
    return new Board(at, zone, List.copyOf(today), List.copyOf(open), more);
  }
}
