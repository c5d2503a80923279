package io.voxhost.recording.service;

import java.util.List;
import java.util.UUID;

/** The access log's rows. */
public interface AccessStore {

  void insert(UUID tenantId, AccessLog.Entry entry);

  /** Newest first, before {@code before} (an entry id) when given. */
  List<AccessLog.Entry> page(UUID tenantId, UUID recordingId, Long before, int limit);
}
