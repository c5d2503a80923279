package io.voxhost.sip.service;

import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.service.ResourceConflict;
import io.voxhost.platform.service.ResourceNotFound;
import io.voxhost.sip.store.RouteEntity;
import io.voxhost.sip.store.RouteRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A tenant's dial-plan rules: kept in order, positions 1..n without gaps. */
@ApplicationScoped
public class RouteService {

  /** Rules one tenant may have. */
  public static final int MAX_RULES = 1_000;

  private final RouteRepository routes;
  private final DialPlan plan;
  private final ChangeFeed feed;

  RouteService(RouteRepository routes, DialPlan plan, ChangeFeed feed) {
    this.routes = routes;
    this.plan = plan;
    this.feed = feed;
  }

  /** A rule as the caller describes it, before it has an id and a place. */
  public record RuleSpec(
      String pattern, String target, boolean e164, String region, String description) {}

  @Transactional
  public List<DialRule> list(UUID tenantId) {
    return routes.ordered(tenantId).stream().map(RouteService::rule).toList();
  }

  @Transactional
  public DialRule get(UUID tenantId, UUID id) {
    return rule(entity(tenantId, id));
  }

  /** Inserts a rule at {@code position} (1 is first; null or past the end appends). */
  @Transactional
  public DialRule add(UUID tenantId, RuleSpec spec, Integer position) {
    check(List.of(spec));
    List<RouteEntity> existing = routes.ordered(tenantId);
    if (existing.size() >= MAX_RULES) {
      throw new ResourceConflict("position", "a tenant may have at most " + MAX_RULES + " rules");
    }
    int at = position == null || position > existing.size() ? existing.size() + 1 : position;
    for (RouteEntity e : existing) {
      if (e.position >= at) {
        e.position++;
      }
    }
    RouteEntity created = entity(tenantId, spec, at, now());
    routes.persist(created);
    announce(tenantId);
    return rule(created);
  }

  /** Replaces the whole plan with {@code specs}, in that order. */
  @Transactional
  public List<DialRule> replace(UUID tenantId, List<RuleSpec> specs) {
    if (specs.size() > MAX_RULES) {
      throw new IllegalArgumentException("a tenant may have at most " + MAX_RULES + " rules");
    }
    check(specs);
    routes.deleteAll(tenantId);
    routes.flush();
    Instant now = now();
    List<DialRule> out = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      RouteEntity e = entity(tenantId, specs.get(i), i + 1, now);
      routes.persist(e);
      out.add(rule(e));
    }
    announce(tenantId);
    return out;
  }

  @Transactional
  public void delete(UUID tenantId, UUID id) {
    RouteEntity gone = entity(tenantId, id);
    routes.delete(gone);
    for (RouteEntity e : routes.ordered(tenantId)) {
      if (e.position > gone.position) {
        e.position--;
      }
    }
    announce(tenantId);
  }

  static DialRule rule(RouteEntity e) {
    return new DialRule(
        e.id, e.position, e.pattern, e.target, "e164".equals(e.normalize), e.region, e.description);
  }

  /** Refuses rules that {@link DialRule#problem} finds fault with; the API checks first. */
  private static void check(List<RuleSpec> specs) {
    for (RuleSpec s : specs) {
      DialRule.problem(s.pattern(), s.target(), s.e164(), s.region())
          .ifPresent(
              p -> {
                throw new IllegalArgumentException(p);
              });
    }
  }

  private void announce(UUID tenantId) {
    routes.flush();
    feed.publish(DialPlan.CHANNEL, List.of(tenantId.toString()));
    plan.evict(tenantId);
  }

  private RouteEntity entity(UUID tenantId, UUID id) {
    RouteEntity e = routes.findById(id);
    if (e == null || !e.tenantId.equals(tenantId)) {
      throw new ResourceNotFound("no route " + id);
    }
    return e;
  }

  private static RouteEntity entity(UUID tenantId, RuleSpec spec, int position, Instant now) {
    RouteEntity e = new RouteEntity();
    e.id = UUID.randomUUID();
    e.tenantId = tenantId;
    e.position = position;
    e.pattern = spec.pattern();
    e.target = spec.target();
    e.normalize = spec.e164() ? "e164" : null;
    e.region = spec.region();
    e.description = spec.description();
    e.createdAt = now;
    e.updatedAt = now;
    return e;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
