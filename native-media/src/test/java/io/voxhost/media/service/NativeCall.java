package io.voxhost.media.service;

/** A native call that does almost nothing, for measuring the JNI crossing itself. */
public final class NativeCall {

  private NativeCall() {}

  /** {@code vm_timeline_size(1, 1)}: two comparisons and an addition in C. */
  public static long nearlyEmpty() {
    return NativeMedia.timelineSize(1, 1);
  }
}
