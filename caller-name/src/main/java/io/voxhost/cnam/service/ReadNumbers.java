package io.voxhost.cnam.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;

/**
 * Numbers read before, remembered: libphonenumber takes microseconds to parse one (regular
 * expressions per region), many times a memory hit, and the same callers call again and again. A
 * flood of distinct numbers only churns the bounded memory; each is then parsed as without it.
 */
final class ReadNumbers {

  private static final int MAX_ENTRIES = 200_000;

  /** One reading: the number as dialled, in a region (null: {@code +} numbers only). */
  private record Reading(String dialled, String region) {}

  private final Cache<Reading, Optional<String>> read =
      Caffeine.newBuilder().maximumSize(MAX_ENTRIES).executor(Runnable::run).build();

  /** As {@link PhoneNumbers#e164}, from memory when this node read it before. */
  Optional<String> e164(String dialled, String region) {
    return read.get(new Reading(dialled, region), r -> PhoneNumbers.e164(r.dialled(), r.region()));
  }
}
