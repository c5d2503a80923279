package io.voxhost.tftp.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.voxhost.tftp.codec.TftpCodec;
import io.voxhost.tftp.codec.TftpError;
import java.net.InetSocketAddress;

/** The ERROR packet that answers a request the listener will not serve. */
record Refusal(TftpError error, String message) {

  /** Sends it to {@code client} from the listener's socket. */
  void sendTo(ChannelHandlerContext ctx, InetSocketAddress client) {
    ctx.writeAndFlush(new DatagramPacket(TftpCodec.error(error, message, ctx.alloc()), client));
  }
}
