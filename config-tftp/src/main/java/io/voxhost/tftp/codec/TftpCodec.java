package io.voxhost.tftp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TFTP packets to and from bytes (RFC 1350, RFC 2347). Decoding reads the buffer without moving its
 * reader index and yields a packet or throws {@link MalformedPacket}, whatever the bytes.
 */
public final class TftpCodec {

  /** RFC 2347: a request with its options must fit in 512 octets. */
  public static final int MAX_REQUEST_LENGTH = 512;

  public static final int HEADER_LENGTH = 4;

  private TftpCodec() {}

  public static TftpPacket decode(ByteBuf in) throws MalformedPacket {
    int start = in.readerIndex();
    int end = in.writerIndex();
    if (end - start < 2) {
      throw new MalformedPacket("Packet too short");
    }
    int opcode = in.getUnsignedShort(start);
    return switch (opcode) {
      case TftpPacket.RRQ, TftpPacket.WRQ -> decodeRequest(in, opcode, start + 2, end);
      case TftpPacket.DATA -> {
        requireHeader(in, start, end, "DATA");
        byte[] payload = new byte[end - start - HEADER_LENGTH];
        in.getBytes(start + HEADER_LENGTH, payload);
        yield new TftpPacket.Data(in.getUnsignedShort(start + 2), payload);
      }
      case TftpPacket.ACK -> {
        requireHeader(in, start, end, "ACK");
        yield new TftpPacket.Ack(in.getUnsignedShort(start + 2));
      }
      case TftpPacket.ERROR -> {
        requireHeader(in, start, end, "ERROR");
        int nul = in.indexOf(start + HEADER_LENGTH, end, (byte) 0);
        String message = text(in, start + HEADER_LENGTH, nul < 0 ? end : nul);
        yield new TftpPacket.ErrorPacket(in.getUnsignedShort(start + 2), message);
      }
      case TftpPacket.OACK -> new TftpPacket.OptionAck(options(in, start + 2, end));
      default -> throw new MalformedPacket("Unknown opcode " + opcode);
    };
  }

  private static void requireHeader(ByteBuf in, int start, int end, String what)
      throws MalformedPacket {
    if (end - start < HEADER_LENGTH) {
      throw new MalformedPacket(what + " packet too short");
    }
  }

  private static TftpPacket decodeRequest(ByteBuf in, int opcode, int from, int end)
      throws MalformedPacket {
    if (end - from + 2 > MAX_REQUEST_LENGTH) {
      throw new MalformedPacket("Request longer than " + MAX_REQUEST_LENGTH + " octets");
    }
    int nameEnd = in.indexOf(from, end, (byte) 0);
    if (nameEnd < 0) {
      throw new MalformedPacket("File name not terminated");
    }
    int modeEnd = in.indexOf(nameEnd + 1, end, (byte) 0);
    if (modeEnd < 0) {
      throw new MalformedPacket("Transfer mode not terminated");
    }
    String name = text(in, from, nameEnd);
    String mode = text(in, nameEnd + 1, modeEnd).toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      throw new MalformedPacket("Empty file name");
    }
    if (opcode == TftpPacket.WRQ) {
      return new TftpPacket.WriteRequest(name, mode);
    }
    return new TftpPacket.ReadRequest(name, mode, options(in, modeEnd + 1, end));
  }

  /**
   * Name/value pairs up to {@code end}. A name without its value and empty names (padding that some
   * clients send) are ignored; bytes after the last NUL are not a string, so they are refused.
   */
  private static List<Option> options(ByteBuf in, int from, int end) throws MalformedPacket {
    List<Option> options = new ArrayList<>();
    int at = from;
    while (at < end) {
      int nameEnd = in.indexOf(at, end, (byte) 0);
      if (nameEnd < 0) {
        throw new MalformedPacket("Option not terminated");
      }
      String name = text(in, at, nameEnd);
      at = nameEnd + 1;
      if (name.isEmpty()) {
        continue;
      }
      if (at >= end) {
        break; // a name without a value
      }
      int valueEnd = in.indexOf(at, end, (byte) 0);
      if (valueEnd < 0) {
        throw new MalformedPacket("Option value not terminated");
      }
      String value = text(in, at, valueEnd);
      at = valueEnd + 1;
      if (options.stream().noneMatch(o -> o.is(name))) {
        options.add(new Option(name, value));
      }
    }
    return options;
  }

  private static String text(ByteBuf in, int from, int to) {
    return in.toString(from, to - from, StandardCharsets.ISO_8859_1);
  }

  public static ByteBuf encode(TftpPacket packet, ByteBufAllocator alloc) {
    ByteBuf out = alloc.buffer(64);
    if (packet instanceof TftpPacket.ReadRequest r) {
      out.writeShort(TftpPacket.RRQ);
      string(out, r.fileName());
      string(out, r.mode());
      options(out, r.options());
    } else if (packet instanceof TftpPacket.WriteRequest w) {
      out.writeShort(TftpPacket.WRQ);
      string(out, w.fileName());
      string(out, w.mode());
    } else if (packet instanceof TftpPacket.Data d) {
      writeDataHeader(out, d.block()).writeBytes(d.payload());
    } else if (packet instanceof TftpPacket.Ack a) {
      out.writeShort(TftpPacket.ACK).writeShort(a.block() & 0xFFFF);
    } else if (packet instanceof TftpPacket.ErrorPacket e) {
      out.writeShort(TftpPacket.ERROR).writeShort(e.code() & 0xFFFF);
      string(out, e.message());
    } else if (packet instanceof TftpPacket.OptionAck o) {
      out.writeShort(TftpPacket.OACK);
      options(out, o.options());
    }
    return out;
  }

  public static ByteBuf error(TftpError error, String message, ByteBufAllocator alloc) {
    return encode(new TftpPacket.ErrorPacket(error.code(), message), alloc);
  }

  /** Writes the four header bytes of a DATA packet; the block is taken modulo 65536. */
  public static ByteBuf writeDataHeader(ByteBuf out, long block) {
    return out.writeShort(TftpPacket.DATA).writeShort((int) (block & 0xFFFF));
  }

  private static void options(ByteBuf out, List<Option> options) {
    for (Option option : options) {
      string(out, option.name());
      string(out, option.value());
    }
  }

  private static void string(ByteBuf out, String s) {
    // Strings are netascii; a NUL inside one would end it early on the wire.
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.writeByte(c == 0 || c > 0xFF ? '?' : c);
    }
    out.writeByte(0);
  }
}
