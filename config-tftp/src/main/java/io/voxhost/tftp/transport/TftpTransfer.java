package io.voxhost.tftp.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import io.voxhost.tftp.codec.MalformedPacket;
import io.voxhost.tftp.codec.TftpCodec;
import io.voxhost.tftp.codec.TftpError;
import io.voxhost.tftp.codec.TftpPacket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * One read transfer on its own socket (its TID), as the server side of RFC 1350 with RFC 2347
 * options and RFC 7440 windows.
 *
 * <ul>
 *   <li>Before the client's first ACK only the opening packet (OACK or DATA 1) is sent, and only
 *       again when the client repeats its request: a forged request gets one packet, never a stream
 *       of retransmissions.
 *   <li>An ACK that moves the window on sends the next window from the block after it, so an ACK
 *       for a block inside the window (the client saw a gap) brings the missing blocks at once. An
 *       ACK that does not move it is ignored: answering duplicates is the Sorcerer's Apprentice
 *       bug.
 *   <li>When no ACK comes, the window from the last ACK is sent again after a timeout taken from
 *       the measured round trip, doubling up to the client's {@code timeout} (or the server's
 *       default); after {@code maxTimeouts} of them in a row the transfer is dropped.
 *   <li>Block numbers are 16 bits on the wire and counted in 64 here, so they wrap from 65535 to 0.
 * </ul>
 */
final class TftpTransfer extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = Logger.getLogger(TftpTransfer.class);
  private static final int MAX_OPENING_RESENDS = 3;

  private final InetSocketAddress client;
  private final TransferSource source;
  private final TransferPlan plan;
  private final TransferEvents events;
  private final long lastBlock;
  private final LongSupplier clock;

  private ChannelHandlerContext ctx;
  private long base;
  private long sent;
  private boolean acknowledgedOnce;
  private int openingResends;
  private int timeouts;

  /** When the client was last heard making progress (or the transfer began). */
  private long progressAtNanos;

  private long windowSentAt;
  private boolean windowResent;
  private long smoothedRttNanos = -1;
  private long rttVarianceNanos;
  private ScheduledFuture<?> timer;

  /** When the current timeout expires; the timer, scheduled once, runs again until then. */
  private long deadlineNanos;

  /** When the scheduled timer wakes up; never after {@link #deadlineNanos}. */
  private long timerWakesNanos;

  private boolean ended;

  /**
   * @param clock nanoseconds, as {@link System#nanoTime()}; the event loop's own clock in tests
   */
  TftpTransfer(
      InetSocketAddress client,
      TransferSource source,
      TransferPlan plan,
      TransferEvents events,
      LongSupplier clock) {
    this.clock = clock;
    this.client = client;
    this.source = source;
    this.plan = plan;
    this.events = events;
    // A file whose size is a multiple of the block size ends with an empty block.
    this.lastBlock = source.size() / plan.blockSize() + 1;
  }

  InetSocketAddress client() {
    return client;
  }

  String fileName() {
    return plan.fileName();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    progressAtNanos = clock.getAsLong();
    sendOpening();
    arm();
    ctx.fireChannelActive();
  }

  /** The client sent its request again: it may not have our opening packet. Any thread. */
  void requestRepeated() {
    ChannelHandlerContext context = ctx;
    if (context == null) {
      return;
    }
    context
        .executor()
        .execute(
            () -> {
              if (!ended && !acknowledgedOnce && openingResends < MAX_OPENING_RESENDS) {
                openingResends++;
                sendOpening();
              }
            });
  }

  /** Ends the transfer from outside (the server is stopping). Any thread. */
  void stop() {
    ChannelHandlerContext context = ctx;
    if (context != null) {
      context.executor().execute(() -> end(TransferOutcome.STOPPED));
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (!ended) {
        receive(packet);
      }
    } finally {
      packet.release();
    }
  }

  private void receive(DatagramPacket packet) {
    ByteBuf content = packet.content();
    if (!client.equals(packet.sender())) {
      // RFC 1350: a packet from another TID gets ERROR 5 and leaves this transfer alone. An ERROR
      // is never answered, and runts are not worth an answer larger than themselves.
      if (content.readableBytes() >= 4 && content.getUnsignedShort(0) != TftpPacket.ERROR) {
        ctx.writeAndFlush(
            new DatagramPacket(
                TftpCodec.error(TftpError.UNKNOWN_TRANSFER_ID, "Unknown transfer ID", ctx.alloc()),
                packet.sender()));
      }
      return;
    }
    TftpPacket decoded;
    try {
      decoded = TftpCodec.decode(content);
    } catch (MalformedPacket e) {
      fail(TftpError.ILLEGAL_OPERATION, e.getMessage(), TransferOutcome.PROTOCOL_ERROR);
      return;
    }
    if (decoded instanceof TftpPacket.Ack ack) {
      acknowledge(ack.block());
    } else if (decoded instanceof TftpPacket.ErrorPacket) {
      end(TransferOutcome.ABORTED_BY_CLIENT);
    } else {
      fail(
          TftpError.ILLEGAL_OPERATION,
          "Only ACK is expected during a read transfer",
          TransferOutcome.PROTOCOL_ERROR);
    }
  }

  private void acknowledge(int wireBlock) {
    long block = base + ((wireBlock - base) & 0xFFFF);
    if (block > sent) {
      return; // for nothing this transfer sent: a stale packet from before a wrap
    }
    if (!acknowledgedOnce) {
      if (block != sent) {
        return;
      }
      acknowledgedOnce = true;
      events.acknowledged(client);
    } else if (block <= base) {
      return; // a duplicate: the timer, not the duplicate, decides about sending again
    }
    if (block == sent && !windowResent) {
      sampleRoundTrip(clock.getAsLong() - windowSentAt);
    }
    long outstanding = sent - block;
    base = block;
    timeouts = 0;
    progressAtNanos = clock.getAsLong();
    if (base == lastBlock) {
      end(TransferOutcome.COMPLETED);
      return;
    }
    long to = Math.min(base + plan.windowSize(), lastBlock);
    if (outstanding > 0) {
      events.resent(Math.min(outstanding, to - base), false);
    }
    sendWindow(base + 1, to);
    arm();
  }

  private void sendOpening() {
    if (!plan.acknowledged().isEmpty()) {
      ctx.writeAndFlush(
          new DatagramPacket(
              TftpCodec.encode(new TftpPacket.OptionAck(plan.acknowledged()), ctx.alloc()), client),
          ctx.voidPromise());
      windowSentAt = clock.getAsLong();
      windowResent = openingResends > 0;
    } else {
      sendWindow(1, 1);
    }
  }

  /** Sends blocks {@code from..to}; any already sent before are not timed for the round trip. */
  private void sendWindow(long from, long to) {
    windowResent = from <= sent;
    for (long block = from; block <= to; block++) {
      ByteBuf data = null;
      try {
        long offset = (block - 1) * plan.blockSize();
        int length = (int) Math.max(0, Math.min(plan.blockSize(), source.size() - offset));
        data = ctx.alloc().directBuffer(TftpCodec.HEADER_LENGTH + length);
        TftpCodec.writeDataHeader(data, block);
        source.read(offset, length, data);
      } catch (IOException | RuntimeException e) {
        if (data != null) {
          data.release();
        }
        LOG.debugf("Reading %s failed: %s", plan.fileName(), e.toString());
        fail(TftpError.NOT_DEFINED, "File could not be read", TransferOutcome.READ_FAILED);
        return;
      }
      // Each block goes out at once rather than the window in one batch: the client reads the
      // first blocks while later ones are read from disk, which on two cores nearly halves the
      // time a window takes.
      // No promise: nothing waits on a block's send, and a failure reaches exceptionCaught.
      ctx.writeAndFlush(new DatagramPacket(data, client), ctx.voidPromise());
    }
    sent = Math.max(sent, to);
    windowSentAt = clock.getAsLong();
  }

  /**
   * Moves the timeout to one retransmission interval from now. Most ACKs come long before it, so
   * the scheduled timer is not cancelled and made again each time (a queue removal and insertion,
   * and a timer syscall, per block): it wakes up at the old deadline and sleeps on to the new one.
   * Only a deadline earlier than the wake-up (the first round trip measured, or a backed-off
   * timeout reset by an ACK) schedules it again, or a loss would wait for the old, longer timeout.
   */
  private void arm() {
    long delay = retransmitNanos();
    deadlineNanos = clock.getAsLong() + delay;
    if (timer != null && deadlineNanos < timerWakesNanos) {
      timer.cancel(false);
      timer = null;
    }
    if (timer == null) {
      schedule(delay);
    }
  }

  private void schedule(long delay) {
    timerWakesNanos = clock.getAsLong() + delay;
    timer = ctx.executor().schedule(this::timerFired, delay, TimeUnit.NANOSECONDS);
  }

  private void timerFired() {
    timer = null;
    if (ended) {
      return;
    }
    long left = deadlineNanos - clock.getAsLong();
    if (left > 0) {
      schedule(left);
      return;
    }
    timedOut();
  }

  private void timedOut() {
    timeouts++;
    if (timeouts > plan.maxTimeouts() && silentLongEnough()) {
      end(TransferOutcome.TIMED_OUT);
      return;
    }
    if (acknowledgedOnce) {
      // A whole window from the last ACK, not just what was outstanding: after a gap the client
      // counts its window from the block it acknowledged, and a shorter resend would leave it
      // waiting for the rest until its own timeout.
      long to = Math.min(base + plan.windowSize(), lastBlock);
      events.resent(Math.min(sent, to) - base, true);
      sendWindow(base + 1, to);
    }
    arm();
  }

  /**
   * Whether the client has been silent for {@code maxTimeouts} full timeouts. Retransmissions after
   * a fast round trip come every few milliseconds, so counting them alone would drop a client that
   * stalls for a second (a phone busy writing flash, a loaded link) long before its own timeouts.
   */
  private boolean silentLongEnough() {
    long allowed = TimeUnit.MILLISECONDS.toNanos(plan.timeoutMillis()) * plan.maxTimeouts();
    return clock.getAsLong() - progressAtNanos >= allowed;
  }

  /**
   * Before a round trip is measured, and for a client that never acknowledged, the full timeout;
   * else the smoothed round trip plus four deviations (RFC 6298's rule), at least the configured
   * floor, doubled for each timeout in a row, never above the full timeout.
   */
  private long retransmitNanos() {
    long full = TimeUnit.MILLISECONDS.toNanos(plan.timeoutMillis());
    if (!acknowledgedOnce || smoothedRttNanos < 0) {
      return full;
    }
    long floor = TimeUnit.MILLISECONDS.toNanos(plan.minRetransmitMillis());
    long rto = Math.max(floor, smoothedRttNanos + 4 * rttVarianceNanos);
    return Math.min(full, rto << Math.min(timeouts, 20));
  }

  private void sampleRoundTrip(long rtt) {
    if (smoothedRttNanos < 0) {
      smoothedRttNanos = rtt;
      rttVarianceNanos = rtt / 2;
    } else {
      rttVarianceNanos = (3 * rttVarianceNanos + Math.abs(smoothedRttNanos - rtt)) / 4;
      smoothedRttNanos = (7 * smoothedRttNanos + rtt) / 8;
    }
  }

  private void fail(TftpError error, String message, TransferOutcome outcome) {
    ctx.writeAndFlush(new DatagramPacket(TftpCodec.error(error, message, ctx.alloc()), client));
    end(outcome);
  }

  private void end(TransferOutcome outcome) {
    if (ended) {
      return;
    }
    ended = true;
    if (timer != null) {
      timer.cancel(false);
    }
    source.close();
    long delivered = Math.min(source.size(), Math.max(0, base) * plan.blockSize());
    closeAfterThisRead();
    events.ended(client, outcome, outcome == TransferOutcome.COMPLETED ? source.size() : delivered);
  }

  /**
   * Closes the channel once the event loop has finished its current read. Closed inside the read
   * loop, the socket's descriptor is freed while Netty still reads from its number; a transfer
   * opened meanwhile on another loop may get that number, and its client's ACK is then read and
   * dropped by the old channel (seen about once in 300 transfers on loopback).
   */
  private void closeAfterThisRead() {
    try {
      ctx.channel().eventLoop().execute(ctx::close);
    } catch (RejectedExecutionException e) { // the loop is shutting down and closes it anyway
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    end(TransferOutcome.STOPPED);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // ICMP errors and the like: the timer decides whether the client is gone.
    LOG.debugf("Transfer of %s to %s: %s", plan.fileName(), client, cause.toString());
  }
}
