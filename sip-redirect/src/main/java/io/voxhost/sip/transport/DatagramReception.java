package io.voxhost.sip.transport;

import gov.nist.javax.sip.header.Via;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP reader's datagrams, each handed to a {@link MessageReception} of the reader's own,
 * answering over the socket.
 */
final class DatagramReception implements DatagramHandler {

  private static final int DEFAULT_PORT = 5060;

  private final DatagramChannel socket;
  private final MessageReception reception;

  DatagramReception(DatagramChannel socket, MessageReception reception) {
    this.socket = socket;
    this.reception = reception;
  }

  @Override
  public void receive(byte[] data, InetSocketAddress source) {
    reception.receive(
        data,
        source,
        new ReturnPath() {
          @Override
          public ResponseChannel channel(Via via) {
            return new DatagramResponseChannel(socket, destination(via, source));
          }

          @Override
          public void send(byte[] answer) throws IOException {
            socket.send(ByteBuffer.wrap(answer), source);
          }
        });
  }

  /**
   * Where the answer goes (RFC 3261 18.2.2, RFC 3581 4): the source address, at the source port if
   * the client asked for rport, else at the port in its Via.
   */
  static InetSocketAddress destination(Via via, InetSocketAddress source) {
    if (via.hasParameter(Via.RPORT)) {
      return source;
    }
    int port = via.getPort();
    return new InetSocketAddress(source.getAddress(), port > 0 ? port : DEFAULT_PORT);
  }
}
