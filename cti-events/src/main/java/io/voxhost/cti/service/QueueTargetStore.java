package io.voxhost.cti.service;

import java.util.Map;
import java.util.UUID;

/** The targets tenants set, for all their calls ({@link #ALL_QUEUES}) and per queue. */
public interface QueueTargetStore {

  /** The queue of a tenant's own default. */
  String ALL_QUEUES = "";

  /** The tenant's targets by queue ({@link #ALL_QUEUES} for its default), as set. */
  Map<String, QueueTarget> of(UUID tenant);

  /**
   * Sets the target of a queue (or the default).
   *
   * @return false when the tenant has {@code maxQueues} targets already and this queue has none
   */
  boolean put(UUID tenant, String queue, QueueTarget target, int maxQueues);

  /** Removes the target of a queue (or the default); whether there was one. */
  boolean remove(UUID tenant, String queue);
}
