package io.voxhost.tftp.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.voxhost.tftp.codec.MalformedPacket;
import io.voxhost.tftp.codec.TftpCodec;
import io.voxhost.tftp.codec.TftpPacket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A TFTP client made of one plain UDP socket, for tests that send exactly the bytes they mean. */
final class RawTftp implements AutoCloseable {

  final DatagramSocket socket;
  final InetSocketAddress server;
  InetSocketAddress lastSender;
  long bytesSent;
  long bytesReceived;

  RawTftp(InetSocketAddress server) throws IOException {
    this(server, InetAddress.getLoopbackAddress());
  }

  /** Bound to {@code local}: other 127.x addresses stand for other phones. */
  RawTftp(InetSocketAddress server, InetAddress local) throws IOException {
    this.server = server;
    this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
    this.socket.setSoTimeout(2000);
  }

  void send(byte[] bytes, InetSocketAddress to) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, to));
    bytesSent += bytes.length;
  }

  void send(TftpPacket packet, InetSocketAddress to) throws IOException {
    ByteBuf buf = TftpCodec.encode(packet, ByteBufAllocator.DEFAULT);
    try {
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      send(bytes, to);
    } finally {
      buf.release();
    }
  }

  /** The next packet, or null when none comes within {@code millis}. */
  TftpPacket receive(int millis) throws IOException {
    socket.setSoTimeout(millis);
    byte[] buffer = new byte[65536 + 4];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return null;
    }
    bytesReceived += packet.getLength();
    lastSender = (InetSocketAddress) packet.getSocketAddress();
    try {
      return TftpCodec.decode(Unpooled.wrappedBuffer(Arrays.copyOf(buffer, packet.getLength())));
    } catch (MalformedPacket e) {
      throw new AssertionError("server sent a malformed packet: " + e.getMessage());
    }
  }

  TftpPacket receive() throws IOException {
    return receive(2000);
  }

  @Override
  public void close() {
    socket.close();
  }
}
