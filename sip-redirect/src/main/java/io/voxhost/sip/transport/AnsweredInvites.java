package io.voxhost.sip.transport;

import javax.sip.message.Request;

/**
 * The INVITEs answered in the last 8 to 16 s, by branch, so that a CANCEL can be matched. A client
 * cancels only while it has no final answer, and ours goes out at once, so a CANCEL comes only when
 * a 302 was lost, within a few retransmissions. A chance collision of fingerprints would answer a
 * CANCEL 200 instead of 481, which changes nothing for a transaction already answered.
 */
final class AnsweredInvites {

  private final RecentFingerprints branches = new RecentFingerprints(8_000, 200_000);

  void add(Request invite) {
    branches.putIfAbsent(branches.fingerprint(SipRequests.branch(invite)), 1);
  }

  /** Whether {@code cancel} (which carries its INVITE's branch) cancels an INVITE answered here. */
  boolean matches(Request cancel) {
    return branches.contains(branches.fingerprint(SipRequests.branch(cancel)));
  }
}
