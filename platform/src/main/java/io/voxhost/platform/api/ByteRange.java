package io.voxhost.platform.api;

import java.util.Optional;

/**
 * One range of RFC 9110's {@code Range: bytes=...}: {@code first-last}, {@code first-} or {@code
 * -suffix}. A header with several ranges, or one that is not a bytes range, is ignored (the whole
 * file is sent), as the RFC allows.
 */
public record ByteRange(long first, long last) {

  public long length() {
    return last - first + 1;
  }

  /** Outcome of a Range header against a file of {@code size} bytes. */
  public sealed interface Request {}

  /** No usable Range header: send everything. */
  public record Whole() implements Request {}

  public record Partial(ByteRange range) implements Request {}

  /** A valid range that lies wholly past the end: 416. */
  public record Unsatisfiable() implements Request {}

  public static Request of(String header, long size) {
    if (header == null) {
      return new Whole();
    }
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
      return new Whole();
    }
    String spec = h.substring(6).strip();
    if (spec.contains(",")) {
      return new Whole();
    }
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return new Whole();
    }
    Optional<Long> first = number(spec.substring(0, dash).strip());
    Optional<Long> last = number(spec.substring(dash + 1).strip());
    if (spec.substring(0, dash).isBlank()) {
      if (last.isEmpty() || last.get() == 0) {
        return last.isEmpty() ? new Whole() : new Unsatisfiable();
      }
      long n = Math.min(last.get(), size);
      return size == 0 ? new Unsatisfiable() : new Partial(new ByteRange(size - n, size - 1));
    }
    if (first.isEmpty() || (!spec.substring(dash + 1).isBlank() && last.isEmpty())) {
      return new Whole();
    }
    long from = first.get();
    long to = last.orElse(Long.MAX_VALUE);
    if (to < from) {
      return new Whole();
    }
    if (from >= size) {
      return new Unsatisfiable();
    }
    return new Partial(new ByteRange(from, Math.min(to, size - 1)));
  }

  private static Optional<Long> number(String s) {
    if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(s));
  }
}
