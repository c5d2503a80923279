package io.voxhost.sip.service;

import java.util.Locale;
import java.util.UUID;

/** An address-of-record: a user in a tenant's SIP domain ({@code sip:alice@acme.example.com}). */
public record AddressOfRecord(UUID tenantId, String user, String domain) {

  public AddressOfRecord {
    domain = domain.toLowerCase(Locale.ROOT);
  }

  /** The key bindings are filed under: the user part is case-sensitive (RFC 3261 19.1.4). */
  public String key() {
    return tenantId + "/" + user;
  }

  @Override
  public String toString() {
    return "sip:" + user + "@" + domain;
  }
}
