package io.voxhost.sip.transport;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.jboss.logging.Logger;

/**
 * JAIN-SIP's message log (every message in and out), through JBoss Logging at TRACE in category
 * {@code io.voxhost.sip.messages}: off unless an operator turns that category on.
 */
public final class JbossServerLogger implements ServerLogger {

  private static final Logger LOG = Logger.getLogger("io.voxhost.sip.messages");

  @Override
  public void closeLogFile() {}

  @Override
  public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
    trace(message, from, to, sender);
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender, long time) {
    trace(message, from, to, sender);
  }

  @Override
  public void logMessage(
      SIPMessage message, String from, String to, String status, boolean sender) {
    trace(message, from, to, sender);
  }

  @Override
  public void logException(Exception e) {
    LOG.debug("SIP stack exception", e);
  }

  @Override
  public void setStackProperties(Properties properties) {}

  @Override
  public void setSipStack(SipStack stack) {}

  private static void trace(SIPMessage message, String from, String to, boolean sender) {
    if (LOG.isTraceEnabled()) {
      LOG.tracef("%s %s -> %s%n%s", sender ? "sent" : "received", from, to, message.encode());
    }
  }
}
