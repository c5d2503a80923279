package io.voxhost.sip.service;

/** The limits a registrar applies; see {@code voxhost.sip.registrar.*}. */
public record RegistrarPolicy(
    int defaultExpires,
    int minExpires,
    int maxExpires,
    int maxContacts,
    ContactLimitPolicy contactLimitPolicy) {

  public RegistrarPolicy {
    if (minExpires < 1 || maxExpires < minExpires) {
      throw new IllegalArgumentException(
          "voxhost.sip.registrar: need 1 <= min-expires <= max-expires");
    }
    if (defaultExpires < minExpires || defaultExpires > maxExpires) {
      throw new IllegalArgumentException(
          "voxhost.sip.registrar.default-expires must lie between min-expires and max-expires");
    }
    if (maxContacts < 1) {
      throw new IllegalArgumentException("voxhost.sip.registrar.max-contacts must be at least 1");
    }
  }
}
