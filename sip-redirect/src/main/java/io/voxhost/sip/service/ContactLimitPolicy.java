package io.voxhost.sip.service;

/** What a REGISTER that would exceed the per-AOR contact limit does. */
public enum ContactLimitPolicy {
  /** Drop the least recently refreshed bindings: stale phones never lock out a new one. */
  EVICT_OLDEST,
  /** Refuse the REGISTER with 503, as Kamailio's registrar does. */
  REJECT
}
