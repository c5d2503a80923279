package io.voxhost.sip.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A peer that sends bytes as they are, no SIP stack in between, over UDP from one socket of its own
 * or over a new TCP connection, and reads the first answer: what hostile-input tests need.
 */
final class RawSipPeer implements AutoCloseable {

  private static final int WAIT_MILLIS = 1500;

  private final int port;
  private final InetAddress source;
  private final DatagramSocket udp;

  RawSipPeer(int port) throws SocketException {
    this(port, InetAddress.getLoopbackAddress());
  }

  /** A peer whose UDP and TCP come from {@code source}, a loopback address such as 127.0.0.5. */
  RawSipPeer(int port, InetAddress source) throws SocketException {
    this.port = port;
    this.source = source;
    this.udp = new DatagramSocket(0, source);
    udp.setSoTimeout(WAIT_MILLIS);
  }

  /** The address UDP answers come back to, for the Via. */
  String localAddress() {
    return udp.getLocalAddress().getHostAddress();
  }

  /** The UDP port answers come back to, for the Via. */
  int localPort() {
    return udp.getLocalPort();
  }

  /** Sends a datagram and waits for nothing. */
  void send(byte[] bytes) throws IOException {
    udp.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }

  /** The first datagram answered, or null when none came in time. */
  String udp(byte[] bytes) throws IOException {
    send(bytes);
    byte[] buf = new byte[65535];
    DatagramPacket in = new DatagramPacket(buf, buf.length);
    try {
      udp.receive(in);
      return new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException silence) {
      return null;
    }
  }

  /** The answer's head over a new connection, or null when the server said nothing or hung up. */
  String tcp(byte[] bytes) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port, source, 0)) {
      s.setSoTimeout(WAIT_MILLIS);
      OutputStream out = s.getOutputStream();
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException closed) {
        return null; // the server hung up on us mid-write: fine
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
          if (got.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
            break;
          }
        }
      } catch (SocketTimeoutException | SocketException silence) {
        // no (more) answer
      }
      return got.size() == 0 ? null : got.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    udp.close();
  }
}
