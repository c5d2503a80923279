package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.platform.limits.TokenBucket;
import io.voxhost.platform.service.Tenant;
import io.voxhost.platform.service.TenantChanged;
import io.voxhost.platform.service.Tenants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which tenant a SIP domain belongs to. Every tenant's domain is held in memory: read when the role
 * starts, again whenever a tenant changes (through the {@link ChangeFeed}) and every {@code
 * voxhost.sip.domain-cache-ttl} in the background (see {@code SipRole}), never on a request's path,
 * so that a hung database cannot hold a redirect. A domain not in memory is asked for once (a
 * tenant created a moment ago) and remembered as unknown for a second; such lookups are capped per
 * second, so a flood of made-up domains cannot turn into a flood of queries, and skipped while the
 * database was just found away.
 */
@ApplicationScoped
public class SipDomains {

  private static final Logger LOG = Logger.getLogger(SipDomains.class);
  private static final int MISS_LOOKUPS_PER_SECOND = 50;

  private final Tenants tenants;
  private final DatabaseOutages outages;
  private final ChangeFeed feed;
  private final Cache<String, Boolean> unknown =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(1)).build();
  private final TokenBucket missLookups =
      new TokenBucket(MISS_LOOKUPS_PER_SECOND, MISS_LOOKUPS_PER_SECOND);
  private volatile Map<String, SipTenant> byDomain = Map.of();

  /** When a lookup last added each domain; guarded by {@code this}. */
  private final Map<String, Long> rememberedAt = new HashMap<>();

  SipDomains(Tenants tenants, DatabaseOutages outages, ChangeFeed feed) {
    this.tenants = tenants;
    this.feed = feed;
    this.outages = outages;
  }

  /** The tenant serving {@code domain}; from memory, or one bounded lookup of a new domain. */
  public Optional<SipTenant> tenantOf(String domain) {
    String key = domain.toLowerCase(Locale.ROOT);
    SipTenant tenant = byDomain.get(key);
    if (tenant != null) {
      return Optional.of(tenant);
    }
    if (unknown.getIfPresent(key) != null || outages.recentlyAway() || !mayLookUp()) {
      return Optional.empty();
    }
    Optional<SipTenant> found = lookUp(key);
    if (found.isEmpty()) {
      unknown.put(key, Boolean.TRUE);
    } else {
      remember(key, found.get());
    }
    return found;
  }

  private Optional<SipTenant> lookUp(String domain) {
    try {
      Optional<SipTenant> found = tenants.bySipDomain(domain).map(SipDomains::sipTenant);
      outages.answered();
      return found;
    } catch (RuntimeException e) {
      if (DatabaseFailure.isOutage(e)) {
        outages.stopped("sip", "domain-lookup");
      }
      LOG.warnf("Could not look up SIP domain %s: %s", domain, e.toString());
      return Optional.empty();
    }
  }

  /** A tenant found by a lookup stays in memory, so that later requests need no database. */
  private synchronized void remember(String domain, SipTenant tenant) {
    Map<String, SipTenant> copy = new HashMap<>(byDomain);
    copy.put(domain, tenant);
    byDomain = Map.copyOf(copy);
    rememberedAt.put(domain, System.nanoTime());
  }

  private boolean mayLookUp() {
    return missLookups.take(1, System.nanoTime());
  }

  /**
   * Reads every tenant's domain now and again whenever another node changes a tenant; returns once
   * the first read is done. This node's own changes arrive as {@link TenantChanged}.
   */
  public void follow(Duration timeout) throws InterruptedException {
    feed.subscribe(
            "sip-domains",
            Tenants.CHANGES,
            ChangeFeed.Senders.OTHER_NODES,
            lines -> reloadNow(),
            this::reloadNow)
        .awaitSynchronised(timeout);
  }

  /**
   * A tenant created or changed on this node, once committed: in memory before its caller is
   * answered, so that the next REGISTER sees the new domain or setting.
   */
  void changedHere(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantChanged change) {
    Tenant t = change.tenant();
    String domain = t.sipDomain().toLowerCase(Locale.ROOT);
    synchronized (this) {
      Map<String, SipTenant> copy = new HashMap<>(byDomain);
      copy.values().removeIf(known -> known.id().equals(t.id()));
      copy.put(domain, sipTenant(t));
      byDomain = Map.copyOf(copy);
      rememberedAt.put(domain, System.nanoTime());
    }
    unknown.invalidate(domain);
  }

  /**
   * Reads every tenant's domain and settings now and forgets the domains remembered as unknown;
   * throws when the database does not answer (the caller backs off and tries again).
   */
  public void reloadNow() {
    long readFrom = System.nanoTime();
    Map<String, SipTenant> loaded = new HashMap<>();
    for (Tenant t : tenants.all()) {
      loaded.put(t.sipDomain().toLowerCase(Locale.ROOT), sipTenant(t));
    }
    synchronized (this) { // never held while reading: a request may be waiting to remember
      // A domain a request found, or a change made here, while this read ran is newer than what
      // the read saw: it wins over the read's row for the same tenant (a tenant created and then
      // changed at once was otherwise reverted to its first settings by a read between the two).
      rememberedAt.forEach(
          (domain, at) -> {
            SipTenant found = byDomain.get(domain);
            if (at - readFrom >= 0 && found != null) {
              loaded.values().removeIf(read -> read.id().equals(found.id()));
              loaded.put(domain, found);
            }
          });
      rememberedAt.values().removeIf(at -> at - readFrom < 0);
      byDomain = Map.copyOf(loaded);
    }
    unknown.invalidateAll();
  }

  private static SipTenant sipTenant(Tenant t) {
    // The platform checked the names on the way in; one it does not know (a newer node's) is
    // skipped rather than failing the whole reload.
    List<DigestAlgorithm> algorithms =
        t.sipDigestAlgorithms().stream()
            .map(DigestAlgorithm::fromToken)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    return new SipTenant(t.id(), t.sipDomain(), t.sipRegisterAuth(), algorithms);
  }
}
