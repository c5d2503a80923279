package io.voxhost.phones.codec;

/**
 * An RTP packet as a phone sends it (RFC 3550 section 5.1): version 2, no padding, extension or
 * CSRCs, the marker on a talkspurt's first packet, then the payload.
 */
public record RtpPacket(
    int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {

  public static final int HEADER = 12;

  public RtpPacket {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type 0-127: " + payloadType);
    }
  }

  /** The packet's bytes on the wire. */
  public byte[] bytes() {
    byte[] out = new byte[HEADER + payload.length];
    out[0] = (byte) 0x80;
    out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    out[2] = (byte) (sequence >> 8);
    out[3] = (byte) sequence;
    for (int i = 0; i < 4; i++) {
      out[4 + i] = (byte) (timestamp >> (24 - 8 * i));
      out[8 + i] = (byte) (ssrc >> (24 - 8 * i));
    }
    System.arraycopy(payload, 0, out, HEADER, payload.length);
    return out;
  }
}
