package io.voxhost.recording.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Every download, link and delete of a tenant's recordings, listable by the tenant. */
@ApplicationScoped
public class AccessLog {

  private final AccessStore rows;

  AccessLog(AccessStore rows) {
    this.rows = rows;
  }

  /**
   * One entry; {@code keyPrefix} names the API key, null for a link or the sweeper; {@code id} is 0
   * until it is stored.
   */
  public record Entry(
      long id,
      UUID recordingId,
      String action,
      String via,
      String keyPrefix,
      String source,
      Long bytes,
      Instant at) {}

  public void record(
      UUID tenantId,
      UUID recordingId,
      String action,
      String via,
      String keyPrefix,
      String source,
      Long bytes) {
    rows.insert(
        tenantId, new Entry(0, recordingId, action, via, keyPrefix, source, bytes, Instant.now()));
  }

  /** Newest first, before {@code before} (an entry id) when given. */
  public List<Entry> page(UUID tenantId, UUID recordingId, Long before, int limit) {
    return rows.page(tenantId, recordingId, before, limit);
  }
}
