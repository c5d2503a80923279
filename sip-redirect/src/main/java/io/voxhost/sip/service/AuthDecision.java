package io.voxhost.sip.service;

import java.util.List;

/** What to do with a request that needs digest authentication. */
public sealed interface AuthDecision {

  /** Let it through. */
  record Allowed() implements AuthDecision {}

  /**
   * Answer 401 with a fresh nonce, one challenge per algorithm in this order; {@code stale} when
   * only the nonce was too old.
   */
  record Challenge(String realm, String nonce, boolean stale, List<DigestAlgorithm> algorithms)
      implements AuthDecision {}

  /** Answer 403 with this reason: no new challenge is worth sending. */
  record Refused(String reason) implements AuthDecision {}
}
