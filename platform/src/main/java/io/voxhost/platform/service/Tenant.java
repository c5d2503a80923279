package io.voxhost.platform.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A business using Voxhost: its id, URL slug, display name and SIP domain, whether its phones must
 * authenticate their REGISTERs, and the digest algorithms they are offered (RFC 8760 names, most
 * preferred first; empty for the SIP node's default).
 */
public record Tenant(
    UUID id,
    String slug,
    String name,
    String sipDomain,
    boolean sipRegisterAuth,
    Instant createdAt,
    List<String> sipDigestAlgorithms) {

  public Tenant {
    sipDigestAlgorithms = List.copyOf(sipDigestAlgorithms);
  }

  /** A tenant offered the node's default digest algorithms. */
  public Tenant(
      UUID id,
      String slug,
      String name,
      String sipDomain,
      boolean sipRegisterAuth,
      Instant createdAt) {
    this(id, slug, name, sipDomain, sipRegisterAuth, createdAt, List.of());
  }
}
