package io.voxhost.recording.codec;

import io.netty.buffer.ByteBuf;

/**
 * The fields of an RTP packet (RFC 3550 section 5.1) that a recording needs, and where its payload
 * lies in the datagram: after the fixed header, the CSRC list and any header extension, before any
 * padding.
 */
public record RtpPacket(
    int payloadType,
    int sequence,
    long timestamp,
    long ssrc,
    int payloadOffset,
    int payloadLength) {

  /** What {@link #parse} makes of a datagram. */
  public enum Kind {
    RTP,
    /** RTCP multiplexed on the same port (RFC 5761): payload type 72-76 with the marker bit. */
    RTCP,
    MALFORMED
  }

  /** Classifies a datagram without allocating: RTP, RTCP or garbage. */
  public static Kind kind(ByteBuf datagram) {
    int at = datagram.readerIndex();
    if (datagram.readableBytes() < 12 || (datagram.getUnsignedByte(at) >> 6) != 2) {
      return Kind.MALFORMED;
    }
    int second = datagram.getUnsignedByte(at + 1);
    return second >= 200 && second <= 204 ? Kind.RTCP : Kind.RTP;
  }

  /** The packet, or null for anything RFC 3550 does not allow (version, lengths, padding). */
  public static RtpPacket parse(ByteBuf datagram) {
    int at = datagram.readerIndex();
    int length = datagram.readableBytes();
    if (length < 12) {
      return null;
    }
    int first = datagram.getUnsignedByte(at);
    if ((first >> 6) != 2) {
      return null;
    }
    boolean padding = (first & 0x20) != 0;
    boolean extension = (first & 0x10) != 0;
    int csrcs = first & 0x0f;
    int header = 12 + 4 * csrcs;
    if (extension) {
      if (length < header + 4) {
        return null;
      }
      header += 4 + 4 * datagram.getUnsignedShort(at + header + 2);
    }
    if (length < header) {
      return null;
    }
    int end = length;
    if (padding) {
      int pad = datagram.getUnsignedByte(at + length - 1);
      if (pad == 0 || pad > length - header) {
        return null;
      }
      end -= pad;
    }
    return new RtpPacket(
        datagram.getUnsignedByte(at + 1) & 0x7f,
        datagram.getUnsignedShort(at + 2),
        datagram.getUnsignedInt(at + 4),
        datagram.getUnsignedInt(at + 8),
        header,
        end - header);
  }
}
