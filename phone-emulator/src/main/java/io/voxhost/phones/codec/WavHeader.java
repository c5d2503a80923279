package io.voxhost.phones.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * What a downloaded recording's RIFF header says: its format (1 PCM, 6 A-law, 7 mu-law), channels,
 * sample rate, bits per sample, the length of its data and where the data starts; enough to tell
 * its duration, and how long the whole file must be.
 */
public record WavHeader(
    int format, int channels, int sampleRate, int bitsPerSample, long dataBytes, int dataOffset) {

  /** A header whose data starts right after a 44-byte canonical header. */
  public WavHeader(int format, int channels, int sampleRate, int bitsPerSample, long dataBytes) {
    this(format, channels, sampleRate, bitsPerSample, dataBytes, 44);
  }

  /** Milliseconds of audio its data holds. */
  public long durationMillis() {
    long frame = (long) channels * bitsPerSample / 8;
    return frame == 0 || sampleRate == 0 ? 0 : dataBytes * 1000 / frame / sampleRate;
  }

  /**
   * The header of the WAV starting {@code head} (its first bytes: up to the {@code data} chunk's
   * header), or empty when it is no RIFF WAVE with {@code fmt } before {@code data}.
   */
  public static Optional<WavHeader> parse(byte[] head) {
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (head.length < 12 || !tag(head, 0, "RIFF") || !tag(head, 8, "WAVE")) {
      return Optional.empty();
    }
    int at = 12;
    int format = -1;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (at + 8 <= head.length) {
      long size = b.getInt(at + 4) & 0xffffffffL;
      if (tag(head, at, "fmt ") && size >= 16 && at + 8 + 16 <= head.length) {
        format = b.getShort(at + 8) & 0xffff;
        channels = b.getShort(at + 10) & 0xffff;
        rate = b.getInt(at + 12);
        bits = b.getShort(at + 22) & 0xffff;
      } else if (tag(head, at, "data")) {
        return format < 0
            ? Optional.empty()
            : Optional.of(new WavHeader(format, channels, rate, bits, size, at + 8));
      }
      at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - at - 8);
    }
    return Optional.empty();
  }

  private static boolean tag(byte[] b, int at, String tag) {
    for (int i = 0; i < 4; i++) {
      if (b[at + i] != tag.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
