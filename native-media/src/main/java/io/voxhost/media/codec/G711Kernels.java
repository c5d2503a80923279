package io.voxhost.media.codec;

import io.voxhost.media.api.G711;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Java twin of the native library's sample loops (media.c): the same integer arithmetic, so the
 * same bytes. Arguments are checked by the caller; offsets are absolute.
 */
public final class G711Kernels {

  private G711Kernels() {}

  public static void decode(G711 law, ByteBuffer in, int inAt, int n, ByteBuffer out, int outAt) {
    short[] d = G711Codec.table(law);
    ByteBuffer o = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      o.putShort(outAt + 2 * i, d[in.get(inAt + i) & 0xff]);
    }
  }

  public static void encode(G711 law, ByteBuffer in, int inAt, int n, ByteBuffer out, int outAt) {
    ByteBuffer s = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      out.put(outAt + i, G711Codec.encode(law, s.getShort(inAt + 2 * i)));
    }
  }

  public static void mixMono(
      G711 law,
      ByteBuffer legs,
      int legsAt,
      int count,
      int stride,
      int frames,
      int[] gainsQ16,
      ByteBuffer out,
      int outAt) {
    short[] d = G711Codec.table(law);
    ByteBuffer o = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    boolean unity = true;
    for (int i = 0; i < count; i++) {
      unity &= gainsQ16[i] == 65536;
    }
    if (unity && count == 2) {
      short[] pair = G711Codec.pairTable(law);
      for (int f = 0; f < frames; f++) {
        int index = (legs.get(legsAt + f) & 0xff) << 8 | (legs.get(legsAt + stride + f) & 0xff);
        o.putShort(outAt + 2 * f, pair[index]);
      }
      return;
    }
    for (int f = 0; f < frames; f++) {
      long sum = 0;
      for (int i = 0; i < count; i++) {
        sum += ((long) d[legs.get(legsAt + i * stride + f) & 0xff] * gainsQ16[i] + 32768) >> 16;
      }
      o.putShort(outAt + 2 * f, saturate(sum));
    }
  }

  public static void interleavePcm(
      G711 law,
      ByteBuffer legs,
      int legsAt,
      int count,
      int stride,
      int frames,
      ByteBuffer out,
      int outAt) {
    short[] d = G711Codec.table(law);
    ByteBuffer o = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (count == 2) {
      // One 32-bit store per frame: leg 0 in the low half, which comes first little-endian.
      for (int f = 0; f < frames; f++) {
        int a = d[legs.get(legsAt + f) & 0xff] & 0xffff;
        int b = d[legs.get(legsAt + stride + f) & 0xff];
        o.putInt(outAt + 4 * f, (b << 16) | a);
      }
      return;
    }
    for (int f = 0; f < frames; f++) {
      for (int i = 0; i < count; i++) {
        o.putShort(outAt + 2 * (f * count + i), d[legs.get(legsAt + i * stride + f) & 0xff]);
      }
    }
  }

  public static void interleaveG711(
      ByteBuffer legs, int legsAt, int count, int stride, int frames, ByteBuffer out, int outAt) {
    if (count == 2) {
      ByteBuffer o = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      for (int f = 0; f < frames; f++) {
        int a = legs.get(legsAt + f) & 0xff;
        int b = legs.get(legsAt + stride + f);
        o.putShort(outAt + 2 * f, (short) ((b << 8) | a));
      }
      return;
    }
    for (int f = 0; f < frames; f++) {
      for (int i = 0; i < count; i++) {
        out.put(outAt + f * count + i, legs.get(legsAt + i * stride + f));
      }
    }
  }

  private static short saturate(long v) {
    return (short) (v > 32767 ? 32767 : v < -32768 ? -32768 : v);
  }
}
