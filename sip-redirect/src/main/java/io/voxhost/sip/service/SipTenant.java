package io.voxhost.sip.service;

import java.util.List;
import java.util.UUID;

/**
 * A tenant as the SIP role sees it: its id, SIP domain (also the digest realm), auth rule, and the
 * digest algorithms its phones are offered, most preferred first (empty: the node's default).
 */
public record SipTenant(
    UUID id, String domain, boolean registerAuth, List<DigestAlgorithm> digestAlgorithms) {

  public SipTenant {
    digestAlgorithms = List.copyOf(digestAlgorithms);
  }

  /** A tenant offered the node's default algorithms. */
  public SipTenant(UUID id, String domain, boolean registerAuth) {
    this(id, domain, registerAuth, List.of());
  }
}
