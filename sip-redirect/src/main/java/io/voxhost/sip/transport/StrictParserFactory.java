package io.voxhost.sip.transport;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * Gives the JAIN-SIP stack (TCP) the parser UDP uses, {@link SipDatagramParser}: the same strict
 * checks and the same clean reason phrases on both transports. Named in the stack's {@code
 * gov.nist.javax.sip.MESSAGE_PARSER_FACTORY} property.
 */
public final class StrictParserFactory implements MessageParserFactory {

  @Override
  public MessageParser createMessageParser(SIPTransactionStack stack) {
    return new SipDatagramParser();
  }
}
