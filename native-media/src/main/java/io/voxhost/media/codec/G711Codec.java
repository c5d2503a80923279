package io.voxhost.media.codec;

import io.voxhost.media.api.G711;

/**
 * ITU-T G.711 as the native library does it: decoding by the 256-entry tables of the recommendation
 * (u-law to +-32124, A-law to +-32256, left-justified to 16 bits), encoding a 16-bit sample by its
 * top 14 (u-law) or 13 (A-law) bits, as the reference implementation and sox do.
 */
public final class G711Codec {

  private static final short[] ULAW_DECODE = new short[256];
  private static final short[] ALAW_DECODE = new short[256];
  private static final byte[] ULAW_ENCODE = new byte[16384];
  private static final byte[] ALAW_ENCODE = new byte[8192];
  private static final int[] ULAW_TOP = {0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff};
  private static final int[] ALAW_TOP = {0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff};

  static {
    for (int c = 0; c < 256; c++) {
      ULAW_DECODE[c] = (short) ulawValue(c);
      ALAW_DECODE[c] = (short) alawValue(c);
    }
    for (int s = -8192; s < 8192; s++) {
      ULAW_ENCODE[s + 8192] = ulawCode(s);
    }
    for (int s = -4096; s < 4096; s++) {
      ALAW_ENCODE[s + 4096] = alawCode(s);
    }
  }

  private G711Codec() {}

  public static short decode(G711 law, int code) {
    return law == G711.ALAW ? ALAW_DECODE[code & 0xff] : ULAW_DECODE[code & 0xff];
  }

  /** Rounds the sample to the law's 14 or 13 bits (half up, the top clipped), as sox does. */
  public static byte encode(G711 law, short sample) {
    if (law == G711.ALAW) {
      return ALAW_ENCODE[Math.min((sample + 4) >> 3, 4095) + 4096];
    }
    return ULAW_ENCODE[Math.min((sample + 2) >> 2, 8191) + 8192];
  }

  /** The law's decode table; callers must not change it. */
  static short[] table(G711 law) {
    return law == G711.ALAW ? ALAW_DECODE : ULAW_DECODE;
  }

  /**
   * Two legs at unity gain: the saturated sum of both decodes by {@code (leg 0 << 8) | leg 1}, as
   * the native library's table (128 KB per law, made on first use).
   */
  static short[] pairTable(G711 law) {
    return law == G711.ALAW ? AlawPairs.TABLE : UlawPairs.TABLE;
  }

  private static short[] pairs(short[] decode) {
    short[] table = new short[65536];
    for (int i = 0; i < 65536; i++) {
      int sum = decode[i >> 8] + decode[i & 0xff];
      table[i] = (short) Math.max(-32768, Math.min(32767, sum));
    }
    return table;
  }

  private static final class UlawPairs {
    static final short[] TABLE = pairs(ULAW_DECODE);
  }

  private static final class AlawPairs {
    static final short[] TABLE = pairs(ALAW_DECODE);
  }

  private static int ulawValue(int code) {
    int u = ~code & 0xff;
    int seg = (u >> 4) & 7;
    int q = u & 15;
    int magnitude = (((2 * q + 33) << seg) - 33) * 4;
    return (u & 0x80) != 0 ? -magnitude : magnitude;
  }

  private static int alawValue(int code) {
    int a = code ^ 0x55;
    int seg = (a >> 4) & 7;
    int q = a & 15;
    int magnitude = (seg == 0 ? 2 * q + 1 : (2 * q + 33) << (seg - 1)) * 8;
    return (a & 0x80) != 0 ? magnitude : -magnitude;
  }

  private static int segmentOf(int v, int[] top) {
    for (int i = 0; i < 8; i++) {
      if (v <= top[i]) {
        return i;
      }
    }
    return 8;
  }

  private static byte ulawCode(int sample14) {
    int mask = 0xff;
    int v = sample14;
    if (v < 0) {
      v = -v;
      mask = 0x7f;
    }
    v = Math.min(v, 8159) + 33;
    int seg = segmentOf(v, ULAW_TOP);
    if (seg >= 8) {
      return (byte) (0x7f ^ mask);
    }
    return (byte) (((seg << 4) | ((v >> (seg + 1)) & 0xf)) ^ mask);
  }

  private static byte alawCode(int sample13) {
    int mask = 0xd5;
    int v = sample13;
    if (v < 0) {
      mask = 0x55;
      v = -v - 1;
    }
    int seg = segmentOf(v, ALAW_TOP);
    if (seg >= 8) {
      return (byte) (0x7f ^ mask);
    }
    int code = seg << 4;
    code |= seg < 2 ? (v >> 1) & 0xf : (v >> seg) & 0xf;
    return (byte) (code ^ mask);
  }
}
