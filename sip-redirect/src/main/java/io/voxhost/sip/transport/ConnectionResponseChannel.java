package io.voxhost.sip.transport;

import gov.nist.javax.sip.message.SIPResponse;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.io.IOException;
import javax.sip.message.Response;

/**
 * Answers a request that came over a connection: on that same connection (RFC 3261 18.2.2), which
 * is the only way back to a phone behind NAT. An answer for a connection that has closed since is
 * dropped: a redirect server keeps no transaction that would open a new one.
 */
record ConnectionResponseChannel(Channel connection, String transport) implements ResponseChannel {

  @Override
  public byte[] encode(Response response) {
    return ((SIPResponse) response).encodeAsBytes(transport);
  }

  @Override
  public void resend(byte[] encoded) throws IOException {
    if (!connection.isActive()) {
      throw new IOException("the connection from " + connection.remoteAddress() + " is closed");
    }
    connection.writeAndFlush(Unpooled.wrappedBuffer(encoded));
  }
}
