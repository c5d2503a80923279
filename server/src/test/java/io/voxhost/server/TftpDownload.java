package io.voxhost.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One TFTP read (RFC 1350, with RFC 2349's {@code timeout} option) driven block by block, so a test
 * can hold a transfer in flight by not acknowledging, and finish it later.
 */
final class TftpDownload implements AutoCloseable {

  private static final int BLOCK = 512;

  private final DatagramSocket socket;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private SocketAddress transfer;
  private int lastBlock;
  private boolean done;

  private TftpDownload(DatagramSocket socket) {
    this.socket = socket;
  }

  /**
   * Asks for {@code name}, asking the server to wait {@code timeoutSeconds} for each ACK, and takes
   * the first block without acknowledging it.
   */
  static TftpDownload begin(int port, String name, int timeoutSeconds) throws IOException {
    DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setSoTimeout(5_000);
    TftpDownload download = new TftpDownload(socket);
    download.request(port, name, timeoutSeconds);
    return download;
  }

  /** The whole file, fetched at once. */
  static byte[] fetch(int port, String name) throws IOException {
    try (TftpDownload download = begin(port, name, 5)) {
      return download.finish();
    }
  }

  /** Sends a read request and nothing more, as a flood does. */
  static void sendRequest(int port, String name) throws IOException {
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      byte[] rrq = readRequest(name, 5);
      socket.send(
          new DatagramPacket(
              rrq, rrq.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }
  }

  /** Acknowledges what came and reads on to the end; returns the whole file. */
  byte[] finish() throws IOException {
    while (!done) {
      ack(lastBlock);
      receiveNext();
    }
    ack(lastBlock);
    return received.toByteArray();
  }

  private static byte[] readRequest(String name, int timeoutSeconds) {
    ByteArrayOutputStream rrq = new ByteArrayOutputStream();
    rrq.write(0);
    rrq.write(1);
    for (String part : new String[] {name, "octet", "timeout", Integer.toString(timeoutSeconds)}) {
      rrq.writeBytes(part.getBytes(StandardCharsets.US_ASCII));
      rrq.write(0);
    }
    return rrq.toByteArray();
  }

  private void request(int port, String name, int timeoutSeconds) throws IOException {
    byte[] bytes = readRequest(name, timeoutSeconds);
    socket.send(
        new DatagramPacket(
            bytes, bytes.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    DatagramPacket answer = receive();
    transfer = answer.getSocketAddress();
    ByteBuffer in = ByteBuffer.wrap(answer.getData(), 0, answer.getLength());
    int opcode = in.getShort();
    if (opcode == 6) { // OACK: data begins once it is acknowledged as block 0
      ack(0);
      receiveNext();
    } else {
      take(opcode, in);
    }
  }

  private void receiveNext() throws IOException {
    while (true) {
      DatagramPacket packet = receive();
      ByteBuffer in = ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
      int opcode = in.getShort();
      if (opcode == 3 && (in.getShort(2) & 0xffff) != lastBlock + 1) {
        continue; // a block sent again while the test held the transfer
      }
      take(opcode, in);
      return;
    }
  }

  private void take(int opcode, ByteBuffer in) {
    if (opcode == 5) {
      int code = in.getShort();
      String message =
          new String(in.array(), in.position(), in.remaining(), StandardCharsets.US_ASCII).trim();
      throw new IllegalStateException("TFTP error " + code + ": " + message);
    }
    if (opcode != 3) {
      throw new IllegalStateException("unexpected TFTP opcode " + opcode);
    }
    lastBlock = in.getShort() & 0xffff;
    received.write(in.array(), in.position(), in.remaining());
    done = in.remaining() < BLOCK;
  }

  private void ack(int block) throws IOException {
    byte[] ack = {0, 4, (byte) (block >> 8), (byte) block};
    socket.send(new DatagramPacket(ack, ack.length, transfer));
  }

  private DatagramPacket receive() throws IOException {
    DatagramPacket packet = new DatagramPacket(new byte[BLOCK + 4], BLOCK + 4);
    socket.receive(packet);
    return packet;
  }

  @Override
  public void close() {
    socket.close();
  }
}
