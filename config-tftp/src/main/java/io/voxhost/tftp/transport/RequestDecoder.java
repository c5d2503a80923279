package io.voxhost.tftp.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.voxhost.tftp.codec.MalformedPacket;
import io.voxhost.tftp.codec.TftpCodec;
import io.voxhost.tftp.codec.TftpError;
import io.voxhost.tftp.codec.TftpPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Turns a datagram to the listener into a {@link ReadRequestFrom}, and answers everything else
 * there: bytes that are no packet and packets that do not belong on this port get ERROR 4, a write
 * request ERROR 2, and an ERROR nothing (an ERROR is never answered). The datagram is released
 * whatever it held.
 */
@ChannelHandler.Sharable
final class RequestDecoder extends MessageToMessageDecoder<DatagramPacket> {

  private final TftpMetrics metrics;

  RequestDecoder(TftpMetrics metrics) {
    super(DatagramPacket.class);
    this.metrics = metrics;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
    InetSocketAddress client = packet.sender();
    TftpPacket request;
    try {
      request = TftpCodec.decode(packet.content());
    } catch (MalformedPacket e) {
      refuse(ctx, client, RequestOutcome.MALFORMED, TftpError.ILLEGAL_OPERATION, e.getMessage());
      return;
    }
    if (request instanceof TftpPacket.ReadRequest read) {
      out.add(new ReadRequestFrom(client, localAddress(ctx, packet), read));
    } else if (request instanceof TftpPacket.WriteRequest) {
      refuse(
          ctx,
          client,
          RequestOutcome.WRITE_REFUSED,
          TftpError.ACCESS_VIOLATION,
          "This server does not accept writes");
    } else if (!(request instanceof TftpPacket.ErrorPacket)) {
      refuse(
          ctx,
          client,
          RequestOutcome.MALFORMED,
          TftpError.ILLEGAL_OPERATION,
          "Only read requests come to this port");
    }
  }

  private void refuse(
      ChannelHandlerContext ctx,
      InetSocketAddress client,
      RequestOutcome outcome,
      TftpError error,
      String message) {
    metrics.request(outcome);
    new Refusal(error, message).sendTo(ctx, client);
  }

  /** The address the request came to, so the transfer answers from it (multi-homed hosts). */
  private static InetAddress localAddress(ChannelHandlerContext ctx, DatagramPacket packet) {
    InetSocketAddress recipient = packet.recipient();
    if (recipient != null && !recipient.getAddress().isAnyLocalAddress()) {
      return recipient.getAddress();
    }
    return ((InetSocketAddress) ctx.channel().localAddress()).getAddress();
  }
}
