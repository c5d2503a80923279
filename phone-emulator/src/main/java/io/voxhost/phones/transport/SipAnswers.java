package io.voxhost.phones.transport;

import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.voxhost.phones.codec.SipAnswer;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.WWWAuthenticateHeader;

/**
 * Responses read with JAIN-SIP's parser, so that folded, compact and odd headers read as a real
 * stack reads them.
 */
final class SipAnswers {

  private SipAnswers() {}

  /** The response in a datagram; empty for a request, garbage, or a response without a branch. */
  static Optional<SipAnswer> parse(byte[] datagram) {
    SIPMessage m;
    try {
      m = new StringMsgParser().parseSIPMessage(datagram, true, false, null);
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
    if (!(m instanceof SIPResponse r) || r.getTopmostVia() == null) {
      return Optional.empty();
    }
    String branch = r.getTopmostVia().getBranch();
    if (branch == null) {
      return Optional.empty();
    }
    List<String> challenges = new ArrayList<>();
    ListIterator<?> it = r.getHeaders(WWWAuthenticateHeader.NAME);
    while (it != null && it.hasNext()) {
      String text = it.next().toString();
      int colon = text.indexOf(':');
      challenges.add(colon < 0 ? text.strip() : text.substring(colon + 1).strip());
    }
    Map<String, Integer> contacts = new HashMap<>();
    if (r.getContactHeaders() != null) {
      for (Contact c : r.getContactHeaders()) {
        if (c.getAddress() != null
            && c.getAddress().getURI() instanceof SipURI u
            && u.getUser() != null
            && c.getExpires() >= 0) {
          contacts.putIfAbsent(u.getUser(), c.getExpires());
        }
      }
    }
    ExpiresHeader e = r.getExpires();
    return Optional.of(
        new SipAnswer(
            r.getStatusCode(),
            branch,
            List.copyOf(challenges),
            Map.copyOf(contacts),
            e == null ? Optional.empty() : Optional.of(e.getExpires())));
  }
}
