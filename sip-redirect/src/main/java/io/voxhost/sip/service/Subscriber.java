package io.voxhost.sip.service;

import java.time.Instant;
import java.util.UUID;

/**
 * A SIP account as the authenticator sees it: who, in which realm, and the HA1 hashes (never the
 * password); with its creation and change times, so that the API can answer from the same memory.
 */
public record Subscriber(
    UUID tenantId,
    String username,
    String displayName,
    String realm,
    String ha1Md5,
    String ha1Sha256,
    Instant createdAt,
    Instant updatedAt) {

  public String ha1(DigestAlgorithm algorithm) {
    return algorithm == DigestAlgorithm.MD5 ? ha1Md5 : ha1Sha256;
  }
}
