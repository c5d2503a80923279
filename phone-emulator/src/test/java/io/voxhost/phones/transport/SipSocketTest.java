package io.voxhost.phones.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.voxhost.phones.codec.SipAnswer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A request whose first copy is lost is sent again after T1 and completes with its response. */
class SipSocketTest {

  @Test
  void aLostRequestIsSentAgainAndTheFinalResponseCompletesIt() throws Exception {
    EventLoopGroup loops = SipSocket.loops();
    try (DatagramSocket registrar = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        SipSocket socket = SipSocket.open(loops, "127.0.0.1", 0, 16)) {
      registrar.setSoTimeout(5000);
      String request =
          "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
              + socket.port()
              + ";branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
      long sent = System.nanoTime();
      var reply =
          socket.request(
              request,
              "z9hG4bK1",
              new InetSocketAddress(InetAddress.getLoopbackAddress(), registrar.getLocalPort()));
      DatagramPacket first = new DatagramPacket(new byte[2000], 2000);
      registrar.receive(first); // lost
      DatagramPacket again = new DatagramPacket(new byte[2000], 2000);
      registrar.receive(again);
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent)).isBetween(400L, 1500L);
      byte[] ok =
          ("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:"
                  + socket.port()
                  + ";branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:a@b>;tag=2\r\n"
                  + "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      registrar.send(new DatagramPacket(ok, ok.length, again.getSocketAddress()));
      SipAnswer r = reply.get(5, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(200);
      assertThat(socket.inFlight()).isZero();
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
