package io.voxhost.media.service;

import io.voxhost.media.api.MediaLibrary;
import java.nio.ByteBuffer;

/**
 * The checks both libraries make on a mixing call, so that both refuse the same calls alike. Sizes
 * are computed in {@code long}: in {@code int}, 2 bytes times 2^30 frames wraps to a negative count
 * that every "is the output big enough" test passes, and the C side would then write gigabytes past
 * a small buffer.
 */
final class LegsArguments {

  private LegsArguments() {}

  static void check(
      ByteBuffer legs, int count, int stride, int frames, ByteBuffer out, long outBytes) {
    if (count < 1 || count > MediaLibrary.MAX_LEGS) {
      throw new IllegalArgumentException("between 1 and " + MediaLibrary.MAX_LEGS + " legs");
    }
    if (frames < 0 || stride < frames) {
      throw new IllegalArgumentException("frames must be 0..stride");
    }
    if ((long) (count - 1) * stride + frames > legs.remaining()) {
      throw new IndexOutOfBoundsException("legs run past the buffer");
    }
    checkOut(out, outBytes);
  }

  static void checkGains(int[] gainsQ16, int count) {
    if (gainsQ16.length < count) {
      throw new IllegalArgumentException("one gain per leg");
    }
    for (int i = 0; i < count; i++) {
      if (gainsQ16[i] < -(1 << 24) || gainsQ16[i] > (1 << 24)) {
        throw new IllegalArgumentException("gain out of range: " + gainsQ16[i]);
      }
    }
  }

  /**
   * Refuses an output of more bytes than a buffer can have as {@link IllegalArgumentException} (the
   * input is the wrong shape), one of more than {@code out} has as {@link
   * IndexOutOfBoundsException}.
   */
  static void checkOut(ByteBuffer out, long outBytes) {
    if (outBytes < 0 || outBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "the output would be " + outBytes + " bytes, more than a buffer holds");
    }
    if (outBytes > out.remaining()) {
      throw new IndexOutOfBoundsException("output buffer too small");
    }
  }
}
