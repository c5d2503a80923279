package io.voxhost.media.api;

import java.nio.ByteBuffer;

/**
 * The media operations, in C behind JNI or in Java, with identical output. Buffers are read from
 * their position and written at their position, which then moves past what was written; the native
 * implementation takes only direct buffers. 16-bit samples are little-endian.
 *
 * <p>Legs for mixing are {@code count} runs of {@code frames} G.711 bytes in one buffer, leg {@code
 * i} at {@code position + i * stride}.
 */
public interface MediaLibrary {

  /** {@code native} or {@code java}. */
  String implementation();

  LegTimeline timeline(TimelineSettings settings);

  /** Decodes {@code in}'s remaining bytes to samples in {@code out}. */
  void decode(G711 law, ByteBuffer in, ByteBuffer out);

  /** Encodes {@code in}'s remaining samples (an even number of bytes) to bytes in {@code out}. */
  void encode(G711 law, ByteBuffer in, ByteBuffer out);

  /**
   * Mono: each frame the sum of every leg's decoded sample times its gain (Q16: 65536 is 1.0,
   * rounded half up), saturated to 16 bits, never wrapped.
   */
  void mixMono(
      G711 law, ByteBuffer legs, int count, int stride, int frames, int[] gainsQ16, ByteBuffer out);

  /** One channel per leg, decoded: frame f holds leg 0's sample, then leg 1's, and so on. */
  void interleavePcm(G711 law, ByteBuffer legs, int count, int stride, int frames, ByteBuffer out);

  /** One channel per leg, the G.711 bytes untouched: the lossless form of a call. */
  void interleaveG711(ByteBuffer legs, int count, int stride, int frames, ByteBuffer out);

  /** Most legs one call of the mixing operations takes. */
  int MAX_LEGS = 32;

  /** A gain of 1.0 in Q16. */
  int UNITY = 65536;
}
