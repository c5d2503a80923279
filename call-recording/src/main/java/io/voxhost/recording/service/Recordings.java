package io.voxhost.recording.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
    Instant afterStart = null;
    UUID afterId = null;
    if (cursor != null && !cursor.isBlank()) {
      String[] parts = decode(cursor);
      afterStart = Instant.ofEpochSecond(0, 0).plusNanos(Long.parseLong(parts[0]) * 1000);
      afterId = UUID.fromString(parts[1]);
    }
    List<Recording> found = rows.page(tenantId, filter, afterStart, afterId, limit + 1);
    if (found.size() <= limit) {
      return new Page(found, null);
    }
    List<Recording> items = found.subList(0, limit);
    Recording last = items.get(limit - 1);
    return new Page(List.copyOf(items), encode(last));
  }

  /**
   * The page of a filter that no recording can match: empty, once {@code cursor} proves to be one
   * this API gave out.
   */
  public Page none(String cursor) {
    if (cursor != null && !cursor.isBlank()) {
      decode(cursor);
    }
    return new Page(List.of(), null);
  }

  public boolean delete(UUID tenantId, UUID id) {
    return rows.softDelete(tenantId, id, Instant.now());
  }

  private static String encode(Recording r) {
    long micros = r.startedAt().getEpochSecond() * 1_000_000 + r.startedAt().getNano() / 1000;
    String raw = micros + ":" + r.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  private static String[] decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      String[] parts = raw.split(":", 2);
      Long.parseLong(parts[0]);
      UUID.fromString(parts[1]);
      return parts;
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new BadCursor();
    }
  }

  /** A cursor this API did not make. */
  public static final class BadCursor extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadCursor() {
      super("cursor is not one this API gave out", null, false, false);
    }
  }
}
