package io.voxhost.cti.service;

import java.util.BitSet;
import java.util.List;
import java.util.UUID;

/** Where events are kept ({@code cti.event}). */
public interface EventStore {

  /**
   * Inserts the events in one transaction, each once: an event whose tenant, source, instance and
   * id are already stored (or earlier in the list) is left out. Returns which of them, by index,
   * were new.
   */
  BitSet insert(List<TenantEvent> events);

  /** The tenant's stored events (tests and the operator's count). */
  long count(UUID tenant);
}
