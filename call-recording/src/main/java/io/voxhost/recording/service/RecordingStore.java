package io.voxhost.recording.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where recordings' rows live, as the services see it: PostgreSQL behind it ({@code
 * store.RecordingRows}). Another tenant's recording is never found by the tenant-scoped calls.
 */
public interface RecordingStore {

  void insert(Recording r);

  /** A finished upload: its row made and completed at once, in one transaction. */
  void insertFinished(Recording r);

  void status(UUID id, RecordingStatus status);

  /** The end of a recording: completed, absent or failed, with what is known by then. */
  void finish(Recording r);

  Optional<Recording> find(UUID tenantId, UUID id);

  /** Any tenant's recording by id, deleted ones only if {@code deleted}. */
  Optional<Recording> findById(UUID id, boolean deleted);

  void markTruncated(UUID id);

  void mono(UUID id, Recording.Mono mono);

  /** Soft-deletes a tenant's finished recordings that started before {@code before}. */
  List<UUID> expire(UUID tenantId, Instant before, Instant at);

  /**
   * Soft-deletes a tenant's oldest completed recordings until the rest, newest first, hold at most
   * {@code quota} bytes of audio (master and mono).
   */
  List<UUID> overQuota(UUID tenantId, long quota, Instant at);

  List<Unpurged> unpurged(int limit);

  void purged(UUID id, Instant at);

  /**
   * Up to {@code limit} recordings of a tenant after the cursor ({@code afterStart}, {@code
   * afterId}), ordered by start then id: a stable order, since neither changes.
   */
  List<Recording> page(UUID tenantId, Filter f, Instant afterStart, UUID afterId, int limit);

  /** Marks a recording deleted; true if it was there. */
  boolean softDelete(UUID tenantId, UUID id, Instant at);

  /** A deleted recording whose files are still on disk. */
  record Unpurged(UUID id, UUID tenantId, String file, String monoFile) {}

  /** What a page of the list is filtered by; nulls filter nothing. */
  record Filter(Instant from, Instant to, String number, String callId, RecordingStatus status) {}
}
