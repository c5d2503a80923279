package io.voxhost.platform.service;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a list ordered by time then id ended: the last item's time (microseconds) and id.
 * Opaque to clients; pages read after it neither skip nor repeat rows while new ones arrive.
 *
 * @param at the last item's time
 * @param id the last item's id
 */
public record PageCursor(Instant at, UUID id) {

  /** The cursor as a client sees it: URL-safe Base64. */
  public String encode() {
    long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1000;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * The cursor a client sent back, or null for none.
   *
   * @throws BadCursor when this API did not make it
   */
  public static PageCursor decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      String[] parts = raw.split(":", 2);
      return new PageCursor(
          Instant.EPOCH.plusNanos(Math.multiplyExact(Long.parseLong(parts[0]), 1000L)),
          UUID.fromString(parts[1]));
    } catch (IllegalArgumentException | ArithmeticException | ArrayIndexOutOfBoundsException e) {
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
