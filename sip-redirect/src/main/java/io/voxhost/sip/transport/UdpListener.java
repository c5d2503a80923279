package io.voxhost.sip.transport;

import io.voxhost.platform.concurrent.BusyMark;
import io.voxhost.platform.concurrent.RoleThreads;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * SIP over UDP: a few threads take turns reading one socket, and each answers what it read before
 * reading again, as Kamailio's UDP workers do. The socket's receive buffer is the only queue, and
 * it is bounded: when every thread is busy and it is full, the kernel drops datagrams and the
 * clients retransmit. A large buffer rides out the pauses of a collector without drops.
 */
final class UdpListener {

  private static final Logger LOG = Logger.getLogger(UdpListener.class);
  private static final int MAX_DATAGRAM = 65_535;

  private final InetSocketAddress address;
  private final int readerCount;
  private final int receiveBuffer;
  private final int maxMessageSize;
  private final RoleThreads threads;
  private final List<Thread> readers = new ArrayList<>();
  private DatagramChannel socket;
  private volatile boolean running;
  private volatile boolean reading;

  UdpListener(
      InetSocketAddress address,
      int readers,
      int receiveBuffer,
      int maxMessageSize,
      RoleThreads threads) {
    this.address = address;
    this.readerCount = Math.max(1, readers);
    this.threads = threads;
    this.receiveBuffer = receiveBuffer;
    this.maxMessageSize = maxMessageSize;
  }

  /** Binds the socket and starts the readers, each with a reception of its own. */
  synchronized void start(Function<DatagramChannel, ? extends DatagramHandler> receptions)
      throws IOException {
    socket = DatagramChannel.open();
    socket.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
    socket.bind(address);
    int granted = socket.getOption(StandardSocketOptions.SO_RCVBUF);
    if (granted < receiveBuffer) {
      // Linux caps it at net.core.rmem_max (and reports twice what it keeps for itself).
      LOG.infof(
          "SIP UDP receive buffer is %d bytes, not the %d asked for: raise net.core.rmem_max",
          granted, receiveBuffer);
    }
    running = true;
    reading = true;
    for (int i = 0; i < readerCount; i++) {
      DatagramHandler reception = receptions.apply(socket);
      BusyMark[] mark = new BusyMark[1];
      Thread reader = threads.thread("sip", "udp-" + i, () -> read(reception, mark[0]));
      readers.add(reader);
      // A reader sleeps in receive() while idle, so it cannot take a probe; it answers much of
      // what it reads itself (RedirectFlow), so the watchdog checks it is there and not stuck on
      // one datagram. Marked before the thread starts, so it sees the mark.
      mark[0] = threads.watchThread("sip", "udp-" + i, reader, () -> !reading);
      reader.start();
    }
  }

  /**
   * Stops reading (a drain): each reader finishes the datagram in hand and leaves; the socket stays
   * open, so answers of work already queued still go out. Returns once the readers left, or at the
   * deadline.
   */
  void stopReading(Instant deadline) throws InterruptedException {
    List<Thread> current;
    InetSocketAddress self;
    synchronized (this) {
      if (socket == null || !reading) {
        return;
      }
      reading = false;
      current = List.copyOf(readers);
      try {
        self = wakeAddress();
      } catch (IOException e) {
        LOG.debugf("SIP UDP socket address unknown: %s", e.toString());
        return;
      }
    }
    // A reader sleeps in receive(): an empty datagram of our own wakes it (readers skip those).
    try (DatagramChannel waker = DatagramChannel.open()) {
      for (int i = 0; i < current.size(); i++) {
        waker.send(ByteBuffer.allocate(0), self);
      }
    } catch (IOException e) {
      LOG.debugf("Could not wake the SIP UDP readers: %s", e.toString());
    }
    for (Thread reader : current) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      if (left <= 0) {
        return;
      }
      reader.join(left);
    }
  }

  /** The address the socket is bound to (a port chosen by the system, when asked for 0). */
  synchronized InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) socket.getLocalAddress();
  }

  private InetSocketAddress wakeAddress() throws IOException {
    InetSocketAddress local = (InetSocketAddress) socket.getLocalAddress();
    InetAddress host = local.getAddress();
    if (host.isAnyLocalAddress()) {
      host =
          host instanceof Inet6Address
              ? InetAddress.getByName("::1")
              : InetAddress.getLoopbackAddress();
    }
    return new InetSocketAddress(host, local.getPort());
  }

  synchronized void stop() {
    running = false;
    reading = false;
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.debugf("Closing the SIP UDP socket: %s", e.toString());
      }
      socket = null;
    }
    for (Thread reader : readers) {
      try {
        reader.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    readers.clear();
  }

  private void read(DatagramHandler reception, BusyMark mark) {
    DatagramChannel channel = socket;
    ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    while (reading) {
      InetSocketAddress source;
      try {
        buffer.clear();
        source = (InetSocketAddress) channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!reading) {
          return;
        }
        LOG.debugf("SIP UDP receive failed: %s", e.toString());
        continue;
      }
      buffer.flip();
      int length = buffer.remaining();
      if (source == null || length == 0 || length > maxMessageSize) {
        continue;
      }
      byte[] data = new byte[length];
      buffer.get(data);
      mark.busy();
      try {
        reception.receive(data, source);
      } catch (RuntimeException | StackOverflowError | LinkageError e) {
        // One bad datagram must not end the reader: the socket has no other.
        LOG.warnf("SIP datagram from %s not handled: %s", source, e.toString());
        LOG.debug("Failure detail", e);
      } finally {
        mark.idle();
      }
    }
  }
}
