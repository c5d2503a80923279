package io.voxhost.phones.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A phone's TFTP read against a scripted server on loopback: from the phone's own address, the
 * options it asks, the block size the server grants, a block sent twice, a stranger's packet, and
 * an ERROR.
 */
class TftpFetchTest {

  /** Answers one read: OACK blksize 8, then 20 bytes in blocks of 8, block 2 twice. */
  private static CompletableFuture<String> serveOnce(DatagramSocket listen, boolean refuse) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            byte[] buf = new byte[1500];
            DatagramPacket rrq = new DatagramPacket(buf, buf.length);
            listen.receive(rrq);
            String asked =
                rrq.getAddress().getHostAddress()
                    + " "
                    + new String(rrq.getData(), 2, rrq.getLength() - 2, StandardCharsets.US_ASCII);
            try (DatagramSocket tid = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
              tid.setSoTimeout(5000);
              stranger.setSoTimeout(5000);
              if (refuse) {
                byte[] e = "\0\5\0\1File not found\0".getBytes(StandardCharsets.US_ASCII);
                tid.send(new DatagramPacket(e, e.length, rrq.getSocketAddress()));
                return asked;
              }
              byte[] oack = "\0\6blksize\08\0".getBytes(StandardCharsets.US_ASCII);
              tid.send(new DatagramPacket(oack, oack.length, rrq.getSocketAddress()));
              expectAck(tid, 0);
              byte[] file = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
              for (int block = 1; block <= 3; block++) {
                byte[] data =
                    data(
                        block,
                        Arrays.copyOfRange(
                            file, (block - 1) * 8, Math.min(file.length, block * 8)));
                tid.send(new DatagramPacket(data, data.length, rrq.getSocketAddress()));
                if (block == 2) {
                  // The same block again, and a packet from a TID that is not the transfer's.
                  tid.send(new DatagramPacket(data, data.length, rrq.getSocketAddress()));
                  stranger.send(new DatagramPacket(data, data.length, rrq.getSocketAddress()));
                  expectAck(tid, 2);
                  DatagramPacket err = new DatagramPacket(new byte[100], 100);
                  stranger.receive(err);
                  if (err.getData()[1] != 5 || err.getData()[3] != 5) {
                    throw new AssertionError("the stranger was not told ERROR 5");
                  }
                }
                expectAck(tid, block);
              }
              return asked;
            }
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        });
  }

  private static byte[] data(int block, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
    b.putShort((short) 3).putShort((short) block).put(payload);
    return b.array();
  }

  private static void expectAck(DatagramSocket s, int block) throws Exception {
    DatagramPacket ack = new DatagramPacket(new byte[4], 4);
    s.receive(ack);
    ByteBuffer b = ByteBuffer.wrap(ack.getData());
    if (b.getShort() != 4 || b.getShort() != block) {
      throw new AssertionError("expected ACK " + block);
    }
  }

  @Test
  void aReadAsksPhonesOptionsAndTakesTheGrantedBlockSize() throws Exception {
    try (DatagramSocket listen = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> server = serveOnce(listen, false);
      byte[] file =
          TftpFetch.fetch(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), listen.getLocalPort()),
              InetAddress.getByName("127.0.1.7"),
              "025648000007.cfg",
              1024,
              Duration.ofSeconds(2),
              1000);
      assertThat(new String(file, StandardCharsets.US_ASCII)).isEqualTo("0123456789abcdefghij");
      assertThat(server.get().split("\0"))
          .containsExactly(
              "127.0.1.7 025648000007.cfg",
              "octet",
              "blksize",
              "1024",
              "tsize",
              "0",
              "timeout",
              "2");
    }
  }

  @Test
  void anErrorIsARefusal() throws Exception {
    try (DatagramSocket listen = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      serveOnce(listen, true);
      assertThatThrownBy(
              () ->
                  TftpFetch.fetch(
                      new InetSocketAddress(
                          InetAddress.getLoopbackAddress(), listen.getLocalPort()),
                      InetAddress.getLoopbackAddress(),
                      "unknown.cfg",
                      1024,
                      Duration.ofSeconds(2),
                      1000))
          .isInstanceOf(io.voxhost.phones.service.FileSource.Refused.class)
          .hasMessageContaining("ERROR 1: File not found");
    }
  }
}
