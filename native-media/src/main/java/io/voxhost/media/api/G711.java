package io.voxhost.media.api;

/** The two G.711 laws, with the static RTP payload types that carry them (RFC 3551). */
public enum G711 {
  ULAW(0, 0, (byte) 0xFF),
  ALAW(1, 8, (byte) 0xD5);

  private final int code;
  private final int payloadType;
  private final byte silence;

  G711(int code, int payloadType, byte silence) {
    this.code = code;
    this.payloadType = payloadType;
    this.silence = silence;
  }

  /** The law's number in the native library. */
  public int code() {
    return code;
  }

  public int payloadType() {
    return payloadType;
  }

  /** The byte that decodes to (nearly) zero: what fills a gap. */
  public byte silence() {
    return silence;
  }
}
