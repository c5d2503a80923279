package io.voxhost.sip.service;

import java.time.Instant;
import java.util.List;

/**
 * A REGISTER reduced to what RFC 3261 section 10.3 decides on.
 *
 * @param wildcard the request carried {@code Contact: *}
 * @param contacts the other contacts (empty with no Contact header: a query)
 * @param expiresHeader the Expires header value, or null
 */
public record RegisterRequest(
    AddressOfRecord aor,
    boolean wildcard,
    List<ContactSpec> contacts,
    Integer expiresHeader,
    String callId,
    long cseq,
    String userAgent,
    List<String> path,
    String source,
    String transport,
    Instant receivedAt) {

  public RegisterRequest {
    contacts = List.copyOf(contacts);
    path = List.copyOf(path);
  }
}
