package io.voxhost.cti.service;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A log that accepted events go through before PostgreSQL, when one is set up (Kafka). */
public interface EventLog {

  /** Whether events go through the log. */
  boolean enabled();

  /**
   * Appends the tenant's events; the future completes once the log has them all (it then keeps
   * them: an acknowledged event is never lost).
   */
  CompletableFuture<Ingested> append(UUID tenant, List<CallEvent> events);
}
