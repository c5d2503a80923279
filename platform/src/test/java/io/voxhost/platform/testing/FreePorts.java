package io.voxhost.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;

/** Ports for tests, free on loopback at the moment of asking. */
public final class FreePorts {

  private FreePorts() {}

  /** A port free for both UDP and TCP, as a SIP or TFTP listener needs. */
  public static int udpAndTcp() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate;
      try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        candidate = tcp.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (DatagramSocket udp = new DatagramSocket(candidate, InetAddress.getLoopbackAddress())) {
        return candidate;
      } catch (SocketException busy) {
        // Taken for UDP: try another.
      }
    }
    throw new IllegalStateException("no port free for both UDP and TCP");
  }
}
