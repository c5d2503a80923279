package io.voxhost.cti.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The targets a tenant's calls are counted with (cti.md, "Targets"): its queue's if it set one,
 * else its own default, else the node's. A changed target counts the calls counted from then on;
 * figures already summed keep what they were counted with.
 */
@ApplicationScoped
public class QueueTargets {

  /** Queues one tenant may set targets for, its default not counted. */
  public static final int MAX_QUEUES = 1000;

  /** The longest queue name, as events carry them. */
  public static final int MAX_QUEUE = EventRules.MAX_TEXT;

  /** A tenant with targets for every queue it may have. */
  public static final class TooMany extends Exception {
    TooMany() {
      super("a tenant sets targets for " + MAX_QUEUES + " queues at most");
    }
  }

  private final QueueTargetStore store;
  private final CallFigures figures;

  QueueTargets(QueueTargetStore store, CallFigures figures) {
    this.store = store;
    this.figures = figures;
  }

  /** The node's target, which holds where a tenant set none. */
  public QueueTarget node() {
    return figures.nodeTarget();
  }

  /** The tenant's own default, if it set one. */
  public Optional<QueueTarget> tenantDefault(UUID tenant) {
    return Optional.ofNullable(store.of(tenant).get(QueueTargetStore.ALL_QUEUES));
  }

  /** The targets of the tenant's queues it set, by queue. */
  public Map<String, QueueTarget> queues(UUID tenant) {
    Map<String, QueueTarget> all = new java.util.TreeMap<>(store.of(tenant));
    all.remove(QueueTargetStore.ALL_QUEUES);
    return all;
  }

  /** What a call of {@code queue} (null: all calls) is counted with now. */
  public QueueTarget of(UUID tenant, String queue) {
    Map<String, QueueTarget> set = store.of(tenant);
    QueueTarget q = queue == null ? null : set.get(queue);
    if (q != null) {
      return q;
    }
    return set.getOrDefault(QueueTargetStore.ALL_QUEUES, node());
  }

  /** Sets the tenant's default ({@code queue} empty) or a queue's target, checked by the caller. */
  public void put(UUID tenant, Optional<String> queue, QueueTarget target) throws TooMany {
    if (!store.put(tenant, queue.orElse(QueueTargetStore.ALL_QUEUES), target, MAX_QUEUES + 1)) {
      throw new TooMany();
    }
  }

  /** Removes the tenant's default or a queue's target; whether there was one. */
  public boolean remove(UUID tenant, Optional<String> queue) {
    return store.remove(tenant, queue.orElse(QueueTargetStore.ALL_QUEUES));
  }

  /** Whether {@code queue} is a name events could carry: 1-256 characters, none a control one. */
  public static boolean validQueue(String queue) {
    return queue != null
        && !queue.isBlank()
        && queue.length() <= MAX_QUEUE
        && queue.chars().noneMatch(Character::isISOControl);
  }
}
