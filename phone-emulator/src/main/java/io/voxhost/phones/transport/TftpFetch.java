package io.voxhost.phones.transport;

import io.voxhost.phones.service.FileRequest;
import io.voxhost.phones.service.FileSource;
import io.voxhost.phones.service.FileSource.Refused;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A phone's TFTP read (RFC 1350) with the options phones send: {@code blksize} (RFC 2348), {@code
 * tsize} (RFC 2349) and {@code timeout}. One socket per read, its own TID; a packet from another
 * TID is answered ERROR 5 and ignored; a silent server is asked again five times.
 */
public final class TftpFetch implements FileSource {

  private static final int RETRIES = 5;

  private final InetSocketAddress server;
  private final int blksize;
  private final Duration timeout;
  private final int maxBytes;

  /** Reads from {@code server}, asking {@code blksize}, each packet waited for {@code timeout}. */
  public TftpFetch(InetSocketAddress server, int blksize, Duration timeout, int maxBytes) {
    this.server = server;
    this.blksize = blksize;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /** The file, read from a socket of the phone's own address (its TID), as a phone reads it. */
  @Override
  public byte[] fetch(FileRequest r) throws IOException {
    return fetch(server, InetAddress.getByName(r.address()), r.name(), blksize, timeout, maxBytes);
  }

  /** The file's bytes, at most {@code maxBytes}, read from a socket on {@code local}. */
  public static byte[] fetch(
      InetSocketAddress server,
      InetAddress local,
      String name,
      int blksize,
      Duration timeout,
      int maxBytes)
      throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, local)) {
      socket.setSoTimeout((int) timeout.toMillis());
      byte[] rrq = rrq(name, blksize, timeout);
      DatagramPacket last = new DatagramPacket(rrq, rrq.length, server);
      socket.send(last);
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      InetSocketAddress tid = null;
      int size = 512;
      int expected = 1;
      int tries = 0;
      byte[] buffer = new byte[65_536];
      while (true) {
        DatagramPacket in = new DatagramPacket(buffer, buffer.length);
        try {
          socket.receive(in);
        } catch (SocketTimeoutException e) {
          if (++tries > RETRIES) {
            throw new SocketTimeoutException("no answer from " + server + " for " + name);
          }
          socket.send(last);
          continue;
        }
        InetSocketAddress from = (InetSocketAddress) in.getSocketAddress();
        if (tid == null && from.getAddress().equals(server.getAddress())) {
          tid = from;
        } else if (!from.equals(tid)) {
          byte[] error = error(5, "Unknown transfer ID");
          socket.send(new DatagramPacket(error, error.length, from));
          continue;
        }
        tries = 0;
        ByteBuffer p = ByteBuffer.wrap(in.getData(), 0, in.getLength());
        if (p.remaining() < 4) {
          throw new Refused("a packet of " + p.remaining() + " bytes");
        }
        int op = p.getShort() & 0xffff;
        if (op == 5) {
          int code = p.getShort() & 0xffff;
          throw new Refused("ERROR " + code + ": " + text(p));
        }
        if (op == 6 && expected == 1 && file.size() == 0) {
          size = acceptedBlksize(p, blksize);
          last = new DatagramPacket(ack(0), 4, tid);
          socket.send(last);
          continue;
        }
        if (op != 3) {
          throw new Refused("opcode " + op + " where DATA was due");
        }
        int block = p.getShort() & 0xffff;
        if (block == (expected & 0xffff)) {
          int n = p.remaining();
          if (file.size() + n > maxBytes) {
            byte[] error = error(3, "File too large for this phone");
            socket.send(new DatagramPacket(error, error.length, tid));
            throw new Refused("a file larger than " + maxBytes + " bytes");
          }
          file.write(p.array(), p.arrayOffset() + p.position(), n);
          last = new DatagramPacket(ack(block), 4, tid);
          socket.send(last);
          expected++;
          if (n < size) {
            return file.toByteArray();
          }
        } else {
          socket.send(new DatagramPacket(ack(block), 4, tid)); // a duplicate: acknowledged again
        }
      }
    }
  }

  static byte[] rrq(String name, int blksize, Duration timeout) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0);
    b.write(1);
    for (String s :
        new String[] {
          name,
          "octet",
          "blksize",
          Integer.toString(blksize),
          "tsize",
          "0",
          "timeout",
          Long.toString(Math.max(1, timeout.toSeconds()))
        }) {
      b.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
      b.write(0);
    }
    return b.toByteArray();
  }

  private static int acceptedBlksize(ByteBuffer p, int asked) throws Refused {
    String[] fields = rest(p);
    int size = 512;
    for (int i = 0; i + 1 < fields.length; i += 2) {
      if (fields[i].equalsIgnoreCase("blksize")) {
        try {
          size = Integer.parseInt(fields[i + 1]);
        } catch (NumberFormatException e) {
          throw new Refused("an OACK blksize of " + fields[i + 1]);
        }
        if (size < 8 || size > asked) {
          throw new Refused("an OACK blksize of " + size + " for " + asked + " asked");
        }
      }
    }
    return size;
  }

  private static String[] rest(ByteBuffer p) {
    p.position(2);
    String all =
        new String(p.array(), p.arrayOffset() + 2, p.limit() - 2, StandardCharsets.US_ASCII);
    return all.split("\0");
  }

  private static String text(ByteBuffer p) {
    int start = p.position();
    int end = start;
    while (end < p.limit() && p.get(end) != 0) {
      end++;
    }
    return new String(p.array(), p.arrayOffset() + start, end - start, StandardCharsets.US_ASCII);
  }

  private static byte[] ack(int block) {
    return new byte[] {0, 4, (byte) (block >> 8), (byte) block};
  }

  private static byte[] error(int code, String message) {
    byte[] m = message.getBytes(StandardCharsets.US_ASCII);
    byte[] p = new byte[5 + m.length];
    p[1] = 5;
    p[3] = (byte) code;
    System.arraycopy(m, 0, p, 4, m.length);
    return p;
  }
}
