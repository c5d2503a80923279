package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.sip.store.SubscriberRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscribers as the SIP request path reads them: from memory after the first lookup, including "no
 * such user". Changes made on any node evict the entries they touch (through the {@link
 * ChangeFeed}), so the cache needs no expiry of its own.
 */
@ApplicationScoped
public class SubscriberDirectory {

  /** The channel subscriber changes are announced on; a line is {@code tenant TAB username}. */
  public static final String CHANNEL = "voxhost_sip_subscriber";

  /** The username of a line that stands for every subscriber of the tenant. */
  public static final String EVERYONE = "*";

  private record Key(UUID tenantId, String username) {}

  private final LoadingCache<Key, Optional<Subscriber>> cache;

  SubscriberDirectory(SubscriberRows rows, ChangeFeed feed) {
    this.cache = Caffeine.newBuilder().maximumSize(2_000_000).build(key -> load(rows, key));
    feed.subscribe(CHANNEL, this::changedElsewhere, cache::invalidateAll);
  }

  /** The subscriber, if the tenant has one by that name; a blocking call on a cache miss. */
  public Optional<Subscriber> find(UUID tenantId, String username) {
    return cache.get(new Key(tenantId, username));
  }

  /**
   * What memory holds about the subscriber, found without waiting: empty when it has to be read
   * (call {@link #find}); else the subscriber, or an empty one for a name known not to exist.
   */
  public Optional<Optional<Subscriber>> inMemory(UUID tenantId, String username) {
    return Optional.ofNullable(cache.getIfPresent(new Key(tenantId, username)));
  }

  /** Forgets what is cached of one subscriber (or of the whole tenant for {@link #EVERYONE}). */
  public void evict(UUID tenantId, String username) {
    if (EVERYONE.equals(username)) {
      cache.asMap().keySet().removeIf(k -> k.tenantId().equals(tenantId));
    } else {
      cache.invalidate(new Key(tenantId, username));
    }
  }

  /** The change-feed line that stands for this subscriber. */
  public static String line(UUID tenantId, String username) {
    return tenantId + "\t" + username;
  }

  private void changedElsewhere(List<String> lines) {
    for (String line : lines) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        try {
          evict(UUID.fromString(line.substring(0, tab)), line.substring(tab + 1));
        } catch (IllegalArgumentException e) {
          cache.invalidateAll(); // unreadable: be safe
        }
      }
    }
  }

  private static Optional<Subscriber> load(SubscriberRows rows, Key key) {
    return rows.find(key.tenantId(), key.username())
        .map(
            r ->
                new Subscriber(
                    key.tenantId(),
                    r.username(),
                    r.displayName(),
                    r.realm(),
                    r.ha1Md5(),
                    r.ha1Sha256(),
                    r.createdAt(),
                    r.updatedAt()));
  }
}
