package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voxhost.platform.limits.TokenBucket;
import io.voxhost.platform.service.Tenant;
import io.voxhost.platform.service.Tenants;
import io.voxhost.sip.SipConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Which tenant a SIP domain belongs to. Every tenant's domain is held in memory and reloaded every
 * {@code voxhost.sip.domain-cache-ttl}, so a changed domain or auth setting takes effect within
 * that time. A domain not in memory is asked for once (a tenant created a moment ago) and
 * remembered as unknown for a second; such lookups are capped per second, so a flood of made-up
 * domains cannot turn into a flood of queries.
 */
@ApplicationScoped
public class SipDomains {

  private static final Logger LOG = Logger.getLogger(SipDomains.class);
  private static final int MISS_LOOKUPS_PER_SECOND = 50;

  private record Snapshot(Map<String, SipTenant> byDomain, long loadedAt) {}

  private final Tenants tenants;
  private final long ttlNanos;
  private final ReentrantLock reloading = new ReentrantLock();
  private final Cache<String, Boolean> unknown =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(1)).build();
  private final TokenBucket missLookups =
      new TokenBucket(MISS_LOOKUPS_PER_SECOND, MISS_LOOKUPS_PER_SECOND);
  private volatile Snapshot snapshot;

  SipDomains(Tenants tenants, SipConfig config) {
    this.tenants = tenants;
    this.ttlNanos = config.domainCacheTtl().toNanos();
    this.snapshot = new Snapshot(Map.of(), System.nanoTime() - ttlNanos - 1);
  }

  /** The tenant serving {@code domain}; may block briefly on a reload or a lookup. */
  public Optional<SipTenant> tenantOf(String domain) {
    String key = domain.toLowerCase(Locale.ROOT);
    Snapshot s = snapshot;
    if (System.nanoTime() - s.loadedAt() > ttlNanos) {
      s = reload(s);
    }
    SipTenant tenant = s.byDomain().get(key);
    if (tenant != null) {
      return Optional.of(tenant);
    }
    if (unknown.getIfPresent(key) != null || !mayLookUp()) {
      return Optional.empty();
    }
    Optional<SipTenant> found = lookUp(key);
    if (found.isEmpty()) {
      unknown.put(key, Boolean.TRUE);
    }
    return found;
  }

  private Optional<SipTenant> lookUp(String domain) {
    try {
      return tenants.bySipDomain(domain).map(SipDomains::sipTenant);
    } catch (RuntimeException e) {
      LOG.warnf("Could not look up SIP domain %s: %s", domain, e.toString());
      return Optional.empty();
    }
  }

  private boolean mayLookUp() {
    return missLookups.take(1, System.nanoTime());
  }

  /** Reads every tenant's domain and settings now, whatever the cache's age (a role reload). */
  public void reloadNow() {
    reloading.lock();
    try {
      unknown.invalidateAll();
      snapshot = new Snapshot(snapshot.byDomain(), System.nanoTime() - ttlNanos - 1);
    } finally {
      reloading.unlock();
    }
    reload(snapshot);
  }

  /** Loads every tenant; while another thread does, the stale map serves (if there is one). */
  private Snapshot reload(Snapshot seen) {
    if (!seen.byDomain().isEmpty()) {
      if (!reloading.tryLock()) {
        return seen;
      }
    } else {
      reloading.lock();
    }
    try {
      if (snapshot != seen) {
        return snapshot;
      }
      Map<String, SipTenant> byDomain = new HashMap<>();
      for (Tenant t : tenants.all()) {
        byDomain.put(t.sipDomain().toLowerCase(Locale.ROOT), sipTenant(t));
      }
      snapshot = new Snapshot(Map.copyOf(byDomain), System.nanoTime());
      return snapshot;
    } catch (RuntimeException e) {
      LOG.warnf("Could not load tenant domains: %s", e.toString());
      return seen;
    } finally {
      reloading.unlock();
    }
  }

  private static SipTenant sipTenant(Tenant t) {
    return new SipTenant(t.id(), t.sipDomain(), t.sipRegisterAuth());
  }
}
