package io.voxhost.sip.transport;

import gov.nist.javax.sip.header.Via;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.jboss.logging.Logger;

/**
 * One TCP or TLS connection's messages, framed by {@link StreamFraming}, handed to the {@link
 * MessageReception} of its event loop; the answers go back on the connection. A connection idle for
 * longer than its idle timeout is closed. While the peer does not read its answers, the connection
 * is not read either, so what waits to be sent to it stays bounded by the write buffer's mark.
 */
final class SipConnection extends SimpleChannelInboundHandler<byte[]> implements ReturnPath {

  private static final Logger LOG = Logger.getLogger(SipConnection.class);

  private final MessageReception reception;
  private final String transport;
  private ChannelHandlerContext context;
  private InetSocketAddress source;

  SipConnection(MessageReception reception, String transport) {
    this.reception = reception;
    this.transport = transport;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    context = ctx;
    source = (InetSocketAddress) ctx.channel().remoteAddress();
    super.channelActive(ctx);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, byte[] message) {
    reception.receive(message, source, this);
  }

  @Override
  public ResponseChannel channel(Via via) {
    return new ConnectionResponseChannel(context.channel(), transport);
  }

  @Override
  public void send(byte[] answer) throws IOException {
    context.writeAndFlush(Unpooled.wrappedBuffer(answer));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent) {
      ctx.close();
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Resets, failed handshakes and the like: the peer's problem, and it is gone.
    LOG.debugf("SIP %s connection from %s closed: %s", transport, source, cause.toString());
    ctx.close();
  }
}
