package io.voxhost.cnam.service;

import java.util.Locale;

/** How one dip to an upstream provider ended, as counted in {@code voxhost_cnam_dips_total}. */
public enum DipOutcome {
  /** The provider gave a name. */
  NAME,
  /** The provider answered that it knows none (a not-found status, or nothing at the pointer). */
  NO_NAME,
  /** Refused by the outbound policy, a connection or TLS error, or a status that is no answer. */
  FAILED,
  /** No whole answer within the provider's timeout. */
  TIMEOUT,
  /** The provider answered 429. */
  RATE_LIMITED,
  /** The circuit breaker is open: the provider was not asked. */
  BREAKER_OPEN,
  /** As many requests as the provider may have were in flight and queued: not asked. */
  BULKHEAD_FULL,
  /** The answer was longer than {@code max-body}: the request was reset. */
  OVERSIZED,
  /** The answer was no JSON the limits allow. */
  BAD_JSON;

  /** As the meter's label and the API show it: {@code rate_limited}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the provider answered (and so may bill the operator): a name or a definite none. */
  public boolean answered() {
    return this == NAME || this == NO_NAME;
  }
}
