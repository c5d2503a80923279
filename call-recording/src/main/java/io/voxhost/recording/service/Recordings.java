package io.voxhost.recording.service;

import io.voxhost.platform.service.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading and deleting a tenant's recordings; another tenant's are never found. */
@ApplicationScoped
public class Recordings {

  private final RecordingStore rows;

  Recordings(RecordingStore rows) {
    this.rows = rows;
  }

  public Optional<Recording> find(UUID tenantId, UUID id) {
    return rows.find(tenantId, id);
  }

  /** A recording by id alone, unless deleted: for a signed link, which names its recording. */
  public Optional<Recording> findAnyTenant(UUID id) {
    return rows.findById(id, false);
  }

  /** A page and the cursor of the next one (null at the end). */
  public record Page(List<Recording> items, String next) {}

  /**
   * Recordings ordered by start then id, after {@code cursor} (opaque: the last item's start and
   * id), so that pages neither skip nor repeat rows while new recordings arrive.
   */
  public Page page(UUID tenantId, RecordingStore.Filter filter, String cursor, int limit) {
    PageCursor after = PageCursor.decode(cursor);
    List<Recording> found =
        rows.page(
            tenantId,
            filter,
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            limit + 1);
    if (found.size() <= limit) {
      return new Page(found, null);
    }
    List<Recording> items = found.subList(0, limit);
    Recording last = items.get(limit - 1);
    return new Page(List.copyOf(items), new PageCursor(last.startedAt(), last.id()).encode());
  }

  /**
   * The page of a filter that no recording can match: empty, once {@code cursor} proves to be one
   * this API gave out.
   */
  public Page none(String cursor) {
    PageCursor.decode(cursor);
    return new Page(List.of(), null);
  }

  public boolean delete(UUID tenantId, UUID id) {
    return rows.softDelete(tenantId, id, Instant.now());
  }
}
