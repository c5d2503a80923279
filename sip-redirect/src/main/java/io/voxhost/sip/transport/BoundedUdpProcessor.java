package io.voxhost.sip.transport;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The stack's UDP reader, bounded. JAIN-SIP's own reader gives every datagram a fresh 64 KiB buffer
 * and queues it without limit until a stack thread is free, so a flood (or just the JIT warming up
 * under load) fills the heap within seconds and the reader thread dies of OutOfMemoryError. This
 * one receives into one buffer, queues an exact-size copy, and drops datagrams when {@code
 * capacity} are already waiting: the client retransmits.
 */
final class BoundedUdpProcessor extends UDPMessageProcessor {

  private static final Logger LOG = Logger.getLogger(BoundedUdpProcessor.class);
  private static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final int threads;
  private final AtomicLong dropped = new AtomicLong();
  private long lastReport = System.nanoTime();

  BoundedUdpProcessor(
      InetAddress address, SIPTransactionStack stack, int port, int threads, int capacity)
      throws IOException {
    super(address, stack, port);
    this.threads = Math.max(1, threads);
    this.messageQueue = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public void run() {
    messageChannels = new LinkedList<>();
    for (int i = 0; i < threads; i++) {
      messageChannels.add(new Worker(sipStack, this, "voxhost-sip-udp-" + i));
    }
    byte[] buffer = new byte[65_536];
    while (isRunning) {
      try {
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        sock.receive(in);
        int length = in.getLength();
        DatagramPacket copy =
            new DatagramPacket(
                Arrays.copyOf(buffer, length), length, in.getAddress(), in.getPort());
        if (!messageQueue.offer(
            new DatagramQueuedMessageDispatch(copy, System.currentTimeMillis()))) {
          dropped.incrementAndGet();
          report();
        }
      } catch (IOException e) {
        if (!isRunning) {
          return;
        }
        LOG.debugf("UDP receive failed: %s", e.toString());
      } catch (RuntimeException e) {
        LOG.warnf("UDP reader: %s", e.toString());
      }
    }
  }

  private void report() {
    long now = System.nanoTime();
    if (now - lastReport >= REPORT_EVERY_NANOS) {
      lastReport = now;
      LOG.warnf(
          "SIP over UDP is overloaded: %d datagram(s) dropped so far (queue full)", dropped.get());
    }
  }

  /** A stack thread taking datagrams from this processor's queue. */
  private static final class Worker extends UDPMessageChannel {
    Worker(SIPTransactionStack stack, UDPMessageProcessor processor, String name) {
      super(stack, processor, name);
    }
  }
}
