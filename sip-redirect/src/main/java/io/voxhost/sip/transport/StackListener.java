package io.voxhost.sip.transport;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import org.jboss.logging.Logger;

/**
 * The JAIN-SIP stack's listener (TCP): hands each request to the {@link SipRequestHandler} with a
 * channel that answers through the stack's provider. The stack's other events need nothing: a
 * redirect server sends no requests and keeps no transactions or dialogs.
 */
final class StackListener implements SipListener {

  private static final Logger LOG = Logger.getLogger(StackListener.class);

  private final SipRequestHandler handler;
  private final StackResponseChannel channel;

  StackListener(SipRequestHandler handler, StackResponseChannel channel) {
    this.handler = handler;
    this.channel = channel;
  }

  @Override
  public void processRequest(RequestEvent event) {
    handler.handle(event.getRequest(), channel);
  }

  @Override
  public void processResponse(ResponseEvent event) {}

  @Override
  public void processTimeout(TimeoutEvent event) {}

  @Override
  public void processIOException(IOExceptionEvent event) {
    LOG.debugf("SIP I/O error towards %s:%d", event.getHost(), event.getPort());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}
}
