package io.voxhost.cti.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted events go: to Kafka when it is set up (cti.md, "Past one node"), else straight to
 * the writer into PostgreSQL. Either way the future completes once they are kept.
 */
@ApplicationScoped
public class EventRoute {

  private final EventLog log;
  private final EventIngest ingest;

  EventRoute(EventLog log, EventIngest ingest) {
    this.log = log;
    this.ingest = ingest;
  }

  /**
   * Sends the tenant's checked events on.
   *
   * @throws IngestFull when the writer's queue (or the log's buffer) is full, keeping nothing
   */
  public CompletableFuture<Ingested> submit(UUID tenant, List<CallEvent> events) {
    return log.enabled() ? log.append(tenant, events) : ingest.submit(tenant, events);
  }
}
