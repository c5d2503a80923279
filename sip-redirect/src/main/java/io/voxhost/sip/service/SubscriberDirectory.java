package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.sip.store.SubscriberRows;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Subscribers as the SIP request path reads them: every subscriber of every tenant in memory,
 * loaded whole when the change feed (re)connects, so that "is there such a user" is answered
 * without the database, even while it is away. Changes made on any node mark what they touch as
 * stale (through the {@link ChangeFeed}); a stale subscriber, or every subscriber of a tenant after
 * an import, is read again on its next lookup. Until the first whole load is done, and if the
 * memory bound ever forces an entry out, lookups fall back to reading each subscriber once.
 */
@Singleton
public class SubscriberDirectory {

  private static final Logger LOG = Logger.getLogger(SubscriberDirectory.class);

  /** The channel subscriber changes are announced on; a line is {@code tenant TAB username}. */
  public static final String CHANNEL = "voxhost_sip_subscriber";

  /** The username of a line that stands for every subscriber of the tenant. */
  public static final String EVERYONE = "*";

  /** The node-wide bound on subscribers held in memory. */
  private static final long MAX_SUBSCRIBERS = 2_000_000;

  private record Key(UUID tenantId, String username) {}

  private final SubscriberRows rows;
  private final Cache<Key, Optional<Subscriber>> cache;
  private final Set<Key> stale = ConcurrentHashMap.newKeySet();
  private final Set<UUID> staleTenants = ConcurrentHashMap.newKeySet();

  /** Bumped by every change: a whole read that saw one start under it is not trusted. */
  private final AtomicLong changes = new AtomicLong();

  private final ChangeFeed feed;
  private volatile boolean complete;

  /** The one subscription to {@link #CHANNEL}, once {@link #follow} was called. */
  private ChangeFeed.Subscription subscription;

  SubscriberDirectory(SubscriberRows rows, ChangeFeed feed) {
    this.rows = rows;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(MAX_SUBSCRIBERS)
            .removalListener(
                (Key k, Optional<Subscriber> v, RemovalCause cause) -> {
                  if (cause.wasEvicted()) {
                    complete = false; // memory no longer holds everyone: absence means nothing
                  }
                })
            .build();
    this.feed = feed;
  }

  /** The subscriber, if the tenant has one by that name; reads the database only when stale. */
  public Optional<Subscriber> find(UUID tenantId, String username) {
    Key key = new Key(tenantId, username);
    Optional<Subscriber> known = cache.getIfPresent(key);
    if (known != null) {
      return known;
    }
    if (staleTenants.contains(tenantId)) {
      loadTenant(tenantId);
      known = cache.getIfPresent(key);
      if (known != null) {
        return known;
      }
    }
    if (complete && !stale.contains(key) && !staleTenants.contains(tenantId)) {
      return Optional.empty(); // everyone is in memory: not remembered, so a flood costs nothing
    }
    return cache.get(
        key,
        k -> {
          stale.remove(k);
          return load(k);
        });
  }

  /**
   * What memory holds about the subscriber, found without waiting: empty when it has to be read
   * (call {@link #find}); else the subscriber, or an empty one for a name known not to exist.
   */
  public Optional<Optional<Subscriber>> inMemory(UUID tenantId, String username) {
    Key key = new Key(tenantId, username);
    Optional<Subscriber> known = cache.getIfPresent(key);
    if (known != null) {
      return Optional.of(known);
    }
    if (complete && !stale.contains(key) && !staleTenants.contains(tenantId)) {
      return Optional.of(Optional.empty());
    }
    return Optional.empty();
  }

  /** Forgets what is held of one subscriber (or of the whole tenant for {@link #EVERYONE}). */
  public void evict(UUID tenantId, String username) {
    changes.incrementAndGet();
    if (EVERYONE.equals(username)) {
      staleTenants.add(tenantId);
      cache.asMap().keySet().removeIf(k -> k.tenantId().equals(tenantId));
    } else {
      Key key = new Key(tenantId, username);
      stale.add(key);
      cache.invalidate(key);
    }
  }

  /** Whether every subscriber is in memory (after the first whole load). */
  public boolean complete() {
    return complete;
  }

  /** The change-feed line that stands for this subscriber. */
  public static String line(UUID tenantId, String username) {
    return tenantId + "\t" + username;
  }

  /**
   * Follows changes through the {@link ChangeFeed} from now on; returns once everything is loaded
   * (the role's start waits for this, so that its first request finds memory complete). Both the
   * {@code sip} and the {@code cnam} role call it: the first call subscribes, later ones (another
   * role, or a role started again) wait for that one subscription, so memory is loaded once.
   */
  public void follow(Duration timeout) throws InterruptedException {
    ChangeFeed.Subscription current;
    synchronized (this) {
      current = subscription;
      if (current == null) {
        current = feed.subscribe(CHANNEL, this::changedElsewhere, this::loadAll);
        subscription = current;
      }
    }
    current.awaitSynchronised(timeout);
  }

  /**
   * Reads every subscriber (the feed runs this when it connects, and after it was away). A change
   * that lands during the read makes it read again, a few times at most; then the lookups read what
   * they miss one by one until the next connection.
   */
  void loadAll() {
    for (int attempt = 0; attempt < 3; attempt++) {
      long seen = changes.get();
      Map<Key, Optional<Subscriber>> everyone = new HashMap<>();
      rows.forEach(
          (tenantId, r) -> everyone.put(new Key(tenantId, r.username()), subscriber(tenantId, r)));
      if (everyone.size() > MAX_SUBSCRIBERS) {
        LOG.warnf(
            "%d subscribers are more than the %d held in memory: lookups read the database",
            everyone.size(), MAX_SUBSCRIBERS);
        complete = false;
        cache.invalidateAll();
        return;
      }
      if (changes.get() == seen) {
        complete = false;
        cache.invalidateAll();
        cache.putAll(everyone);
        stale.clear();
        staleTenants.clear();
        complete = changes.get() == seen;
        LOG.debugf("Subscriber directory holds %d subscriber(s)", everyone.size());
        if (complete) {
          return;
        }
      }
    }
  }

  private void loadTenant(UUID tenantId) {
    long seen = changes.get();
    List<SubscriberRows.Credentials> found = rows.ofTenant(tenantId);
    Map<Key, Optional<Subscriber>> loaded = new HashMap<>();
    for (SubscriberRows.Credentials r : found) {
      loaded.put(new Key(tenantId, r.username()), subscriber(tenantId, r));
    }
    if (changes.get() == seen) {
      cache.putAll(loaded);
      if (changes.get() == seen) {
        staleTenants.remove(tenantId);
      }
    }
  }

  private void changedElsewhere(List<String> lines) {
    for (String line : lines) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        try {
          evict(UUID.fromString(line.substring(0, tab)), line.substring(tab + 1));
        } catch (IllegalArgumentException e) {
          complete = false; // unreadable: be safe
          cache.invalidateAll();
        }
      }
    }
  }

  private Optional<Subscriber> load(Key key) {
    return rows.find(key.tenantId(), key.username()).map(r -> subscriber(key.tenantId(), r).get());
  }

  private static Optional<Subscriber> subscriber(UUID tenantId, SubscriberRows.Credentials r) {
    return Optional.of(
        new Subscriber(
            tenantId,
            r.username(),
            r.displayName(),
            r.realm(),
            r.ha1Md5(),
            r.ha1Sha256(),
            r.createdAt(),
            r.updatedAt()));
  }
}
