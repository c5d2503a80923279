package io.voxhost.cnam.service;

import java.util.List;
import java.util.UUID;

/**
 * One lookup as it goes down the chain of {@link NameSource}s.
 *
 * @param tenant who asks (and pays for dips)
 * @param dialled the number as given, its URI taken apart: what subscribers are found by
 * @param e164 the number in E.164 form; null when it is none (an extension, or invalid)
 * @param providers the upstream providers the tenant's lookups ask, in order
 * @param deadlineNanos {@link System#nanoTime()} past which nothing more is waited for
 */
public record Lookup(
    UUID tenant, String dialled, String e164, List<String> providers, long deadlineNanos) {

  /** The number answers are given for: E.164 when there is one, else as dialled. */
  public String number() {
    return e164 != null ? e164 : dialled;
  }

  /** Nanoseconds left of the budget, 0 or more. */
  public long remainingNanos() {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }
}
