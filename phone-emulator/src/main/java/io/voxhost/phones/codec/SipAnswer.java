package io.voxhost.phones.codec;

import java.util.List;
import java.util.Optional;

/**
 * A response as a simulated phone uses it: its status, its transaction's Via branch and CSeq
 * method, the To tag it set, its digest challenges ({@code WWW-Authenticate} values), its contacts
 * (a 302's targets, a registrar's bindings, a callee's address) and its {@code Expires}.
 */
public record SipAnswer(
    int status,
    String branch,
    String cseqMethod,
    Optional<String> toTag,
    List<String> challenges,
    List<Target> contacts,
    Optional<Integer> expires) {

  /** A contact: the URI's user, host and port, and its {@code expires} parameter. */
  public record Target(String user, String host, int port, Optional<Integer> expires) {

    /** {@code sip:user@host:port}. */
    public String uri() {
      return "sip:" + (user == null ? "" : user + "@") + host + ":" + port;
    }
  }

  /** The expiry granted to {@code contactUser}'s contact, else the response's Expires. */
  public Optional<Integer> grantedTo(String contactUser) {
    for (Target t : contacts) {
      if (contactUser.equals(t.user()) && t.expires().isPresent()) {
        return t.expires();
      }
    }
    return expires;
  }
}
