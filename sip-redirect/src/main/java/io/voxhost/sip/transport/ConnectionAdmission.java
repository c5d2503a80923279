package io.voxhost.sip.transport;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.voxhost.platform.limits.KeyedSlots;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets a connection in while its source address has fewer than {@code per-source} open and the node
 * fewer than {@code max}; closes it at once otherwise, before a TLS handshake costs anything. First
 * in every connection's pipeline.
 */
@Sharable
final class ConnectionAdmission extends ChannelInboundHandlerAdapter {

  private static final AttributeKey<InetAddress> ADMITTED =
      AttributeKey.valueOf(ConnectionAdmission.class, "admitted");

  private final KeyedSlots<InetAddress> perSource;
  private final int max;
  private final AtomicInteger open;
  private final SipMetrics metrics;

  ConnectionAdmission(int max, int perSource, SipMetrics metrics) {
    this.max = max;
    this.perSource = new KeyedSlots<>(perSource);
    this.metrics = metrics;
    this.open = metrics.connectionsOpen();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    InetAddress source = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refuse(ctx);
      return;
    }
    if (!perSource.tryTake(source)) {
      open.decrementAndGet();
      refuse(ctx);
      return;
    }
    ctx.channel().attr(ADMITTED).set(source);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    InetAddress source = ctx.channel().attr(ADMITTED).getAndSet(null);
    if (source != null) {
      perSource.give(source);
      open.decrementAndGet();
      super.channelInactive(ctx);
    }
  }

  /** Connections open now. */
  int open() {
    return open.get();
  }

  private void refuse(ChannelHandlerContext ctx) {
    metrics.connectionRefused();
    ctx.close();
  }
}
