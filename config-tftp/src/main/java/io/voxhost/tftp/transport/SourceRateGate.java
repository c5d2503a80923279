package io.voxhost.tftp.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.voxhost.platform.limits.SourceRateLimit;
import java.util.function.LongSupplier;

/**
 * The listener's first handler: a packet over its address's request rate is dropped unread and
 * unanswered (an answer would amplify a flood from forged addresses; a real client retries).
 */
@ChannelHandler.Sharable
final class SourceRateGate extends ChannelInboundHandlerAdapter {

  private final SourceRateLimit rateLimit;
  private final TftpMetrics metrics;
  private final LongSupplier clock;

  /**
   * @param clock nanoseconds, as {@link System#nanoTime()}
   */
  SourceRateGate(SourceRateLimit rateLimit, TftpMetrics metrics, LongSupplier clock) {
    this.rateLimit = rateLimit;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof DatagramPacket packet
        && !rateLimit.allow(packet.sender().getAddress().getHostAddress(), clock.getAsLong())) {
      metrics.request(RequestOutcome.RATE_LIMITED);
      packet.release();
      return;
    }
    ctx.fireChannelRead(msg);
  }
}
