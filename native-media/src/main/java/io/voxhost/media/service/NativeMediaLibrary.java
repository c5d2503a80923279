package io.voxhost.media.service;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TimelineSettings;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * The C implementation. Only direct buffers cross JNI; a call with a heap buffer is served by the
 * Java twin, which gives the same bytes. Made only once {@link NativeLibraryFile} has loaded the
 * library.
 */
public final class NativeMediaLibrary implements MediaLibrary {

  private final JavaMediaLibrary twin = new JavaMediaLibrary();

  /** Per thread: callers reuse their buffers, so their addresses are asked for once. */
  private final ThreadLocal<DirectAddresses> addresses =
      ThreadLocal.withInitial(DirectAddresses::new);

  NativeMediaLibrary() {}

  @Override
  public String implementation() {
    return "native";
  }

  @Override
  public LegTimeline timeline(TimelineSettings settings) {
    return new NativeTimeline(settings);
  }

  /** 16-bit samples at an odd address: C wants them aligned, the twin does not mind. */
  private boolean odd(ByteBuffer samples) {
    return (addresses.get().of(samples, samples.position()) & 1) != 0;
  }

  @Override
  public void decode(G711 law, ByteBuffer in, ByteBuffer out) {
    if (!in.isDirect() || !out.isDirect() || odd(out)) {
      twin.decode(law, in, out);
      return;
    }
    int n = in.remaining();
    LegsArguments.checkOut(out, 2L * n);
    DirectAddresses a = addresses.get();
    try {
      NativeMedia.decode(law.code(), a.of(in, in.position()), n, a.of(out, out.position()));
    } finally {
      Reference.reachabilityFence(in);
      Reference.reachabilityFence(out);
    }
    in.position(in.limit());
    out.position(out.position() + 2 * n);
  }

  @Override
  public void encode(G711 law, ByteBuffer in, ByteBuffer out) {
    if (!in.isDirect() || !out.isDirect() || odd(in)) {
      twin.encode(law, in, out);
      return;
    }
    if (in.remaining() % 2 != 0) {
      throw new IllegalArgumentException("samples are two bytes each");
    }
    int n = in.remaining() / 2;
    LegsArguments.checkOut(out, n);
    DirectAddresses a = addresses.get();
    try {
      NativeMedia.encode(law.code(), a.of(in, in.position()), n, a.of(out, out.position()));
    } finally {
      Reference.reachabilityFence(in);
      Reference.reachabilityFence(out);
    }
    in.position(in.limit());
    out.position(out.position() + n);
  }

  @Override
  public void mixMono(
      G711 law,
      ByteBuffer legs,
      int count,
      int stride,
      int frames,
      int[] gainsQ16,
      ByteBuffer out) {
    if (!legs.isDirect() || !out.isDirect()) {
      twin.mixMono(law, legs, count, stride, frames, gainsQ16, out);
      return;
    }
    LegsArguments.check(legs, count, stride, frames, out, 2L * frames);
    LegsArguments.checkGains(gainsQ16, count);
    DirectAddresses a = addresses.get();
    long legsAddress = a.of(legs, legs.position());
    long outAddress = a.of(out, out.position());
    try {
      if (unity(gainsQ16, count)) {
        NativeMedia.mixUnity(law.code(), legsAddress, count, stride, frames, outAddress);
      } else {
        NativeMedia.mixMono(law.code(), legsAddress, count, stride, frames, gainsQ16, outAddress);
      }
    } finally {
      Reference.reachabilityFence(legs);
      Reference.reachabilityFence(out);
    }
    out.position(out.position() + 2 * frames);
  }

  private static boolean unity(int[] gainsQ16, int count) {
    for (int i = 0; i < count; i++) {
      if (gainsQ16[i] != UNITY) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void interleavePcm(
      G711 law, ByteBuffer legs, int count, int stride, int frames, ByteBuffer out) {
    if (!legs.isDirect() || !out.isDirect() || odd(out)) {
      twin.interleavePcm(law, legs, count, stride, frames, out);
      return;
    }
    LegsArguments.check(legs, count, stride, frames, out, 2L * frames * count);
    DirectAddresses a = addresses.get();
    try {
      NativeMedia.interleavePcm(
          law.code(),
          a.of(legs, legs.position()),
          count,
          stride,
          frames,
          a.of(out, out.position()));
    } finally {
      Reference.reachabilityFence(legs);
      Reference.reachabilityFence(out);
    }
    out.position(out.position() + 2 * frames * count);
  }

  @Override
  public void interleaveG711(ByteBuffer legs, int count, int stride, int frames, ByteBuffer out) {
    if (!legs.isDirect() || !out.isDirect()) {
      twin.interleaveG711(legs, count, stride, frames, out);
      return;
    }
    LegsArguments.check(legs, count, stride, frames, out, (long) frames * count);
    DirectAddresses a = addresses.get();
    try {
      NativeMedia.interleaveG711(
          a.of(legs, legs.position()), count, stride, frames, a.of(out, out.position()));
    } finally {
      Reference.reachabilityFence(legs);
      Reference.reachabilityFence(out);
    }
    out.position(out.position() + frames * count);
  }
}
