package io.voxhost.sip.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Properties;

/**
 * Makes the stack's message processors: ours for UDP ({@link BoundedUdpProcessor}), the stack's own
 * for the other transports. Named in {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}; the
 * stack creates it by class name, so its settings travel in the stack's properties.
 */
public final class BoundedUdpProcessors implements MessageProcessorFactory {

  /** Stack property: datagrams that may wait for a stack thread. */
  static final String QUEUE = "voxhost.sip.UDP_QUEUE";

  private final MessageProcessorFactory others = new OIOMessageProcessorFactory();

  @Override
  public MessageProcessor createMessageProcessor(
      SIPTransactionStack stack, InetAddress address, int port, String transport)
      throws IOException {
    if (!"udp".equals(transport.toLowerCase(Locale.ROOT))) {
      return others.createMessageProcessor(stack, address, port, transport);
    }
    Properties p = ((SipStackImpl) stack).getConfigurationProperties();
    int threads = Integer.parseInt(p.getProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "4"));
    int queue = Integer.parseInt(p.getProperty(QUEUE, "10000"));
    return new BoundedUdpProcessor(address, stack, port, threads, queue);
  }
}
