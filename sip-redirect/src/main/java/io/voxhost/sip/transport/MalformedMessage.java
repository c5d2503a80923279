package io.voxhost.sip.transport;

import java.text.ParseException;

/**
 * A parse failure whose message is one of our fixed phrases ("Malformed Via", "Duplicate Call-ID"):
 * the detail of the 400 reason phrase. JAIN-SIP's own messages carry request text and the odd
 * {@code char[]} printed as {@code [C@41adff51}, so none of them is ever sent.
 */
final class MalformedMessage extends ParseException {

  private static final long serialVersionUID = 1L;

  MalformedMessage(String problem) {
    super(problem, 0);
  }
}
