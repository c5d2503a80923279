package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.sip.store.RouteEntity;
import io.voxhost.sip.store.RouteRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every tenant's dial plan, compiled and held in memory: all of them are read when the change feed
 * (re)connects, so that a redirect never waits for the database to learn that a tenant has no
 * rules. Rule changes on any node mark the tenant's plan stale (through the {@link ChangeFeed}); a
 * stale plan is read again on its next use.
 */
@ApplicationScoped
public class DialPlan {

  /** The channel rule changes are announced on; a line is a tenant id. */
  public static final String CHANNEL = "voxhost_sip_route";

  private static final long MAX_TENANTS = 100_000;

  private final RouteRepository routes;
  private final LoadingCache<UUID, List<DialRule.Compiled>> plans;
  private final Set<UUID> stale = ConcurrentHashMap.newKeySet();

  /** Bumped by every change: a whole read that saw one start under it is not trusted. */
  private final AtomicLong changes = new AtomicLong();

  private final ChangeFeed feed;
  private volatile boolean complete;

  DialPlan(RouteRepository routes, ChangeFeed feed) {
    this.routes = routes;
    this.plans =
        Caffeine.newBuilder()
            .maximumSize(MAX_TENANTS)
            .removalListener(
                (UUID k, List<DialRule.Compiled> v, RemovalCause cause) -> {
                  if (cause.wasEvicted()) {
                    complete = false;
                  }
                })
            .build(
                tenant -> {
                  stale.remove(tenant);
                  return QuarkusTransaction.requiringNew()
                      .call(() -> compiled(routes.ordered(tenant)));
                });
    this.feed = feed;
  }

  /** Where the first matching rule sends a call to {@code user}, if any rule does. */
  public Optional<String> route(UUID tenantId, String user) {
    List<DialRule.Compiled> plan = plans.getIfPresent(tenantId);
    if (plan == null) {
      if (complete && !stale.contains(tenantId)) {
        return Optional.empty(); // every plan is in memory: this tenant has no rules
      }
      plan = plans.get(tenantId);
    }
    for (DialRule.Compiled rule : plan) {
      Optional<String> target = rule.apply(user);
      if (target.isPresent()) {
        return target;
      }
    }
    return Optional.empty();
  }

  void evict(UUID tenantId) {
    changes.incrementAndGet();
    stale.add(tenantId);
    plans.invalidate(tenantId);
  }

  /**
   * Follows changes through the {@link ChangeFeed} from now on; returns once everything is loaded
   * (the role's start waits for this, so that its first request finds memory complete).
   */
  public void follow(Duration timeout) throws InterruptedException {
    feed.subscribe(CHANNEL, this::changedElsewhere, this::loadAll).awaitSynchronised(timeout);
  }

  /** Reads every tenant's rules (the feed runs this when it connects, and after it was away). */
  void loadAll() {
    for (int attempt = 0; attempt < 3; attempt++) {
      long seen = changes.get();
      Map<UUID, List<RouteEntity>> byTenant =
          QuarkusTransaction.requiringNew()
              .call(
                  () -> {
                    Map<UUID, List<RouteEntity>> all = new HashMap<>();
                    for (RouteEntity e : routes.listAll(Sort.by("tenantId").and("position"))) {
                      all.computeIfAbsent(e.tenantId, k -> new ArrayList<>()).add(e);
                    }
                    return all;
                  });
      if (byTenant.size() > MAX_TENANTS) {
        complete = false;
        plans.invalidateAll();
        return;
      }
      Map<UUID, List<DialRule.Compiled>> compiled = new HashMap<>();
      byTenant.forEach((tenant, rules) -> compiled.put(tenant, compiled(rules)));
      if (changes.get() == seen) {
        complete = false;
        plans.invalidateAll();
        plans.putAll(compiled);
        stale.clear();
        complete = changes.get() == seen;
        if (complete) {
          return;
        }
      }
    }
  }

  private static List<DialRule.Compiled> compiled(List<RouteEntity> rules) {
    return rules.stream().map(RouteService::rule).map(DialRule::compile).toList();
  }

  private void changedElsewhere(List<String> lines) {
    for (String line : lines) {
      try {
        evict(UUID.fromString(line));
      } catch (IllegalArgumentException e) {
        complete = false;
        plans.invalidateAll();
      }
    }
  }
}
