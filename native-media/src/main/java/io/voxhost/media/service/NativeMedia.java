package io.voxhost.media.service;

import java.nio.ByteBuffer;

/**
 * The JNI entry points of libvoxmedia (media_jni.c). Offsets are absolute; every one is checked on
 * the C side against the buffer's capacity, and a bad one raises an exception there.
 */
final class NativeMedia {

  private NativeMedia() {}

  static native long timelineSize(int window, int maxPayload);

  static native long timelineOutBound(int window, int maxPayload);

  static native void timelineInit(
      ByteBuffer state, int window, int maxPayload, long maxJump, int payloadType);

  static native long timelineAdd(
      ByteBuffer state,
      long arrivalMicros,
      int sequence,
      long timestamp,
      long ssrc,
      int payloadType,
      ByteBuffer payload,
      int payloadOffset,
      int payloadLength,
      ByteBuffer out,
      int outOffset);

  static native long timelineFinish(ByteBuffer state, ByteBuffer out, int outOffset);

  static native void timelineStats(ByteBuffer state, long[] stats);

  static native void decode(
      int law, ByteBuffer in, int inOffset, int n, ByteBuffer out, int outOffset);

  static native void encode(
      int law, ByteBuffer in, int inOffset, int n, ByteBuffer out, int outOffset);

  static native void mixMono(
      int law,
      ByteBuffer legs,
      int legsOffset,
      int count,
      int stride,
      int frames,
      int[] gainsQ16,
      ByteBuffer out,
      int outOffset);

  static native void interleavePcm(
      int law,
      ByteBuffer legs,
      int legsOffset,
      int count,
      int stride,
      int frames,
      ByteBuffer out,
      int outOffset);

  static native void interleaveG711(
      ByteBuffer legs,
      int legsOffset,
      int count,
      int stride,
      int frames,
      ByteBuffer out,
      int outOffset);
}
