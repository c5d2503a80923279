package io.voxhost.sip.transport;

import gov.nist.javax.sip.message.SIPResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import javax.sip.message.Response;

/** Answers a request that came over UDP: one datagram to where RFC 3261 18.2.2 says. */
record DatagramResponseChannel(DatagramChannel socket, InetSocketAddress destination)
    implements ResponseChannel {

  @Override
  public byte[] encode(Response response) {
    return ((SIPResponse) response).encodeAsBytes("UDP");
  }

  @Override
  public void resend(byte[] encoded) throws IOException {
    socket.send(ByteBuffer.wrap(encoded), destination);
  }
}
