package io.voxhost.recording.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import io.voxhost.platform.files.AtomicFile;
import io.voxhost.platform.limits.TokenBucket;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.recording.codec.RtpPacket;
import io.voxhost.recording.codec.SpoolRecord;
import io.voxhost.recording.service.CaptureClock;
import io.voxhost.recording.service.CapturedLeg;
import io.voxhost.recording.service.LegCounters;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One leg being captured: its socket, the source it latched onto, and its spool. The leg latches
 * onto the source of its first valid RTP packet; when the session named the source's address or
 * network, packets from anywhere else are dropped before that, so a stranger who finds the port
 * first cannot take the leg. Packets are appended to the current segment file as they come
 * (buffered, written out at least every second, so a crash loses at most the last second); a pause
 * of more than two seconds starts a new segment file. Everything but the counters runs on the leg's
 * event loop.
 */
public final class LegCapture implements CapturedLeg {

  private static final Logger LOG = Logger.getLogger(LegCapture.class);
  private static final long PAUSE_MICROS = 2_000_000;
  private static final int BUFFER = 64 * 1024;

  /*
   * A leg carries one G.711 stream: 8,000 payload bytes a second whatever the packet time. A flood
   * from its latched (or a spoofed) source would otherwise fill the disk for hours, so each packet
   * is charged its payload plus 40 bytes against an allowance of 48,000 a second (about five times
   * a 20 ms stream, three times a 5 ms one) with five seconds of it in reserve for bursts after a
   * network stall. What exceeds it is dropped and counted.
   */
  private static final long RATE_PER_SECOND = 48_000;
  private static final long RESERVE = 5 * RATE_PER_SECOND;
  private static final int PACKET_CHARGE = 40;

  private final String label;
  private final int index;
  private final Path spool;
  private final CaptureClock clock;
  private final Optional<IpNetwork> expected;
  private final ForeignCounts foreignCounts;
  private Channel channel;
  private InetSocketAddress source;
  private ByteBuf buffer;
  private FileChannel file;
  private final List<Path> segments = new ArrayList<>();
  private long lastArrival = -1;
  private final TokenBucket allowance = new TokenBucket(RATE_PER_SECOND, RESERVE);
  private ScheduledFuture<?> flusher;
  private boolean closed;

  private volatile long packets;
  private volatile long bytes;
  private volatile long foreign;
  private volatile long malformed;
  private volatile long rtcp;
  private volatile long excess;
  private volatile long lastPacketMicros = -1;
  private volatile long failed;

  LegCapture(
      String label,
      int index,
      Optional<IpNetwork> expected,
      Path spool,
      CaptureClock clock,
      ForeignCounts foreignCounts) {
    this.expected = expected;
    this.foreignCounts = foreignCounts;
    this.label = label;
    this.index = index;
    this.spool = spool;
    this.clock = clock;
  }

  @Override
  public String label() {
    return label;
  }

  public int index() {
    return index;
  }

  Channel channel() {
    return channel;
  }

  @Override
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public Optional<IpNetwork> expectedSource() {
    return expected;
  }

  @Override
  public LegCounters counters() {
    return new LegCounters(
        packets, bytes, foreign, malformed, rtcp, excess, failed, lastPacketMicros);
  }

  void attach(Channel channel) {
    this.channel = channel;
    this.buffer = channel.alloc().directBuffer(BUFFER);
    this.flusher =
        channel.eventLoop().scheduleAtFixedRate(this::flushQuietly, 1, 1, TimeUnit.SECONDS);
  }

  void receive(DatagramPacket datagram) {
    if (closed || buffer == null) {
      return; // not attached yet, or over
    }
    ByteBuf content = datagram.content();
    InetSocketAddress sender = datagram.sender();
    if (expected.isPresent()
        && (sender == null
            || sender.getAddress() == null
            || !expected.get().contains(sender.getAddress()))) {
      foreign++;
      foreignCounts.unexpected().increment();
      return;
    }
    if (source != null && !source.equals(sender)) {
      foreign++;
      foreignCounts.unlatched().increment();
      return;
    }
    RtpPacket.Kind kind = RtpPacket.kind(content);
    if (kind == RtpPacket.Kind.RTCP) {
      rtcp++;
      return;
    }
    RtpPacket packet = kind == RtpPacket.Kind.RTP ? RtpPacket.parse(content) : null;
    if (packet == null) {
      malformed++;
      return;
    }
    if (source == null) {
      source = sender; // the first valid packet names the leg's sender; nobody else gets in
    }
    long now = clock.nowMicros();
    if (!allowed(now, packet.payloadLength() + PACKET_CHARGE)) {
      excess++;
      return;
    }
    try {
      if (file == null || now - lastArrival > PAUSE_MICROS) {
        nextSegment();
      }
      if (buffer.writableBytes() < SpoolRecord.HEADER + packet.payloadLength()) {
        flush();
      }
      SpoolRecord.write(buffer, now, packet, content);
    } catch (IOException e) {
      failed++;
      LOG.warnf("Leg %s: spool write failed: %s", label, e.toString());
      return;
    }
    lastArrival = now;
    lastPacketMicros = now;
    packets++;
    bytes += packet.payloadLength();
  }

  private boolean allowed(long nowMicros, int charge) {
    return allowance.take(charge, nowMicros * 1000);
  }

  private void nextSegment() throws IOException {
    flush();
    if (file != null) {
      file.close();
    }
    Path next = spool.resolve(String.format("leg%02d-%04d.rtp", index, segments.size()));
    // 0600 from creation: a call's audio is for the node's user alone (RecordingFiles).
    file =
        FileChannel.open(
            next,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            AtomicFile.ownerOnlyFile());
    segments.add(next);
  }

  private void flush() throws IOException {
    if (file == null || !buffer.isReadable()) {
      return;
    }
    while (buffer.isReadable()) {
      buffer.readBytes(file, buffer.readableBytes());
    }
    buffer.clear();
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (IOException e) {
      failed++;
      LOG.warnf("Leg %s: spool flush failed: %s", label, e.toString());
    }
  }

  /** Stops listening, writes out what is buffered and closes the spool. On the event loop. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (flusher != null) {
      flusher.cancel(false);
    }
    try {
      flush();
      if (file != null) {
        file.force(true);
        file.close();
      }
    } catch (IOException e) {
      failed++;
      LOG.warnf("Leg %s: spool close failed: %s", label, e.toString());
    } finally {
      if (buffer != null) {
        buffer.release();
      }
      if (channel != null) {
        channel.close();
      }
    }
  }

  /** The segment files written, in order. */
  public List<Path> segments() {
    return List.copyOf(segments);
  }
}
