package io.voxhost.recording.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * One captured packet in a leg's spool file, big-endian: arrival (int64 microseconds), sequence
 * (u16), timestamp (u32), SSRC (u32), payload type (u8), payload length (u16), payload. A file cut
 * short by a crash ends in a partial record, which {@link #read} reports as the end.
 */
public record SpoolRecord(
    long arrivalMicros,
    int sequence,
    long timestamp,
    long ssrc,
    int payloadType,
    ByteBuffer payload) {

  public static final int HEADER = 21;

  /** Appends a record for {@code packet}, whose payload is read from {@code datagram}. */
  public static void write(ByteBuf out, long arrivalMicros, RtpPacket packet, ByteBuf datagram) {
    out.writeLong(arrivalMicros);
    out.writeShort(packet.sequence());
    out.writeInt((int) packet.timestamp());
    out.writeInt((int) packet.ssrc());
    out.writeByte(packet.payloadType());
    out.writeShort(packet.payloadLength());
    out.writeBytes(
        datagram, datagram.readerIndex() + packet.payloadOffset(), packet.payloadLength());
  }

  /**
   * The record at {@code in}'s position, moving past it; null when fewer bytes than a whole record
   * remain (the end, or a tail cut by a crash). The payload is a view of {@code in}.
   */
  public static SpoolRecord read(ByteBuffer in) {
    if (in.remaining() < HEADER) {
      return null;
    }
    int at = in.position();
    int length = Short.toUnsignedInt(in.getShort(at + 19));
    if (in.remaining() < HEADER + length) {
      return null;
    }
    ByteBuffer payload = in.duplicate().position(at + HEADER).limit(at + HEADER + length);
    SpoolRecord r =
        new SpoolRecord(
            in.getLong(at),
            Short.toUnsignedInt(in.getShort(at + 8)),
            Integer.toUnsignedLong(in.getInt(at + 10)),
            Integer.toUnsignedLong(in.getInt(at + 14)),
            in.get(at + 18) & 0xff,
            payload);
    in.position(at + HEADER + length);
    return r;
  }
}
