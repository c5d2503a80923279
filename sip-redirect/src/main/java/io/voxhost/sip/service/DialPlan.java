package io.voxhost.sip.service;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.sip.store.RouteRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Every tenant's dial plan, compiled and held in memory; rule changes on any node evict the
 * tenant's plan (through the {@link ChangeFeed}).
 */
@ApplicationScoped
public class DialPlan {

  /** The channel rule changes are announced on; a line is a tenant id. */
  public static final String CHANNEL = "voxhost_sip_route";

  private final LoadingCache<UUID, List<DialRule.Compiled>> plans;

  DialPlan(RouteRepository routes, ChangeFeed feed) {
    this.plans =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .build(
                tenant ->
                    QuarkusTransaction.requiringNew()
                        .call(
                            () ->
                                routes.ordered(tenant).stream()
                                    .map(RouteService::rule)
                                    .map(DialRule::compile)
                                    .toList()));
    feed.subscribe(CHANNEL, this::changedElsewhere, plans::invalidateAll);
  }

  /** Where the first matching rule sends a call to {@code user}, if any rule does. */
  public Optional<String> route(UUID tenantId, String user) {
    for (DialRule.Compiled rule : plans.get(tenantId)) {
      Optional<String> target = rule.apply(user);
      if (target.isPresent()) {
        return target;
      }
    }
    return Optional.empty();
  }

  void evict(UUID tenantId) {
    plans.invalidate(tenantId);
  }

  private void changedElsewhere(List<String> lines) {
    for (String line : lines) {
      try {
        plans.invalidate(UUID.fromString(line));
      } catch (IllegalArgumentException e) {
        plans.invalidateAll();
      }
    }
  }
}
