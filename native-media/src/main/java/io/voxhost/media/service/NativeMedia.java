package io.voxhost.media.service;

import java.nio.ByteBuffer;

/**
 * The JNI entry points of libvoxmedia (media_jni.c). Buffers cross as the raw addresses of direct
 * buffers ({@link #address}, remembered by {@link DirectAddresses}): the callers here check every
 * offset and length against their buffers and keep the buffers reachable during the call; the C
 * side checks what it is given once more.
 */
final class NativeMedia {

  private NativeMedia() {}

  /** The address of a direct buffer's first byte; 0 for a heap buffer. */
  static native long address(ByteBuffer buffer);

  static native long timelineSize(int window, int maxPayload);

  static native long timelineOutBound(int window, int maxPayload);

  static native void timelineInit(
      long state, long size, int window, int maxPayload, long maxJump, int payloadType);

  static native long timelineAdd(
      long state,
      long size,
      long arrivalMicros,
      int sequence,
      long timestamp,
      long ssrc,
      int payloadType,
      long payload,
      int payloadLength,
      long out,
      long outSize);

  static native long timelineFinish(long state, long size, long out, long outSize);

  static native void timelineStats(long state, long size, long[] stats);

  static native void decode(int law, long in, int n, long out);

  static native void encode(int law, long in, int n, long out);

  static native void mixMono(
      int law, long legs, int count, int stride, int frames, int[] gainsQ16, long out);

  /** {@link #mixMono} with every gain 1.0. */
  static native void mixUnity(int law, long legs, int count, int stride, int frames, long out);

  static native void interleavePcm(int law, long legs, int count, int stride, int frames, long out);

  static native void interleaveG711(long legs, int count, int stride, int frames, long out);
}
