package io.voxhost.phones.transport;

import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.voxhost.phones.codec.SipAnswer;
import io.voxhost.phones.codec.SipIncoming;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.sip.address.SipURI;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.WWWAuthenticateHeader;

/**
 * Messages read with JAIN-SIP's parser, so that folded, compact and odd headers read as a real
 * stack reads them: a response as a {@link SipAnswer}, a request as a {@link SipIncoming}.
 */
final class SipAnswers {

  private SipAnswers() {}

  /** The message in a datagram; null for garbage. */
  static SIPMessage read(byte[] datagram) {
    try {
      return new StringMsgParser().parseSIPMessage(datagram, true, false, null);
    } catch (ParseException | RuntimeException e) {
      return null;
    }
  }

  /** The response in a datagram; empty for a request, garbage, or a response without a branch. */
  static Optional<SipAnswer> parse(byte[] datagram) {
    return read(datagram) instanceof SIPResponse r ? answer(r) : Optional.empty();
  }

  static Optional<SipAnswer> answer(SIPResponse r) {
    if (r.getTopmostVia() == null || r.getTopmostVia().getBranch() == null || r.getCSeq() == null) {
      return Optional.empty();
    }
    List<String> challenges = new ArrayList<>();
    ListIterator<?> it = r.getHeaders(WWWAuthenticateHeader.NAME);
    while (it != null && it.hasNext()) {
      String text = it.next().toString();
      int colon = text.indexOf(':');
      challenges.add(colon < 0 ? text.strip() : text.substring(colon + 1).strip());
    }
    List<SipAnswer.Target> contacts = new ArrayList<>();
    if (r.getContactHeaders() != null) {
      for (Contact c : r.getContactHeaders()) {
        if (c.getAddress() != null && c.getAddress().getURI() instanceof SipURI u) {
          contacts.add(
              new SipAnswer.Target(
                  u.getUser(),
                  u.getHost(),
                  u.getPort() > 0 ? u.getPort() : 5060,
                  c.getExpires() >= 0 ? Optional.of(c.getExpires()) : Optional.empty()));
        }
      }
    }
    ExpiresHeader e = r.getExpires();
    return Optional.of(
        new SipAnswer(
            r.getStatusCode(),
            r.getTopmostVia().getBranch(),
            r.getCSeq().getMethod(),
            Optional.ofNullable(r.getTo() == null ? null : r.getTo().getTag()),
            List.copyOf(challenges),
            List.copyOf(contacts),
            e == null ? Optional.empty() : Optional.of(e.getExpires())));
  }

  /** A request as a phone answers it; empty when it lacks what a response needs. */
  static Optional<SipIncoming> incoming(SIPRequest r, InetSocketAddress source) {
    if (r.getViaHeaders() == null
        || r.getFrom() == null
        || r.getTo() == null
        || r.getCallId() == null
        || r.getCSeq() == null
        || !(r.getRequestURI() instanceof SipURI uri)) {
      return Optional.empty();
    }
    List<String> vias = new ArrayList<>();
    for (Object v : r.getViaHeaders()) {
      vias.add(((Via) v).toString());
    }
    return Optional.of(
        new SipIncoming(
            r.getMethod(),
            uri.getUser(),
            r.getCallId().getCallId(),
            r.getTopmostVia().getBranch(),
            vias,
            r.getFrom().toString(),
            r.getTo().toString(),
            r.getTo().getTag() != null,
            r.getCSeq().toString(),
            source));
  }
}
