package io.voxhost.media.service;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TimelineSettings;
import io.voxhost.media.codec.G711Kernels;
import java.nio.ByteBuffer;

/** The pure-Java implementation: what runs where the native library cannot load. */
public final class JavaMediaLibrary implements MediaLibrary {

  @Override
  public String implementation() {
    return "java";
  }

  @Override
  public LegTimeline timeline(TimelineSettings settings) {
    return new JavaTimeline(settings);
  }

  @Override
  public void decode(G711 law, ByteBuffer in, ByteBuffer out) {
    int n = in.remaining();
    LegsArguments.checkOut(out, 2L * n);
    G711Kernels.decode(law, in, in.position(), n, out, out.position());
    in.position(in.limit());
    out.position(out.position() + 2 * n);
  }

  @Override
  public void encode(G711 law, ByteBuffer in, ByteBuffer out) {
    if (in.remaining() % 2 != 0) {
      throw new IllegalArgumentException("samples are two bytes each");
    }
    int n = in.remaining() / 2;
    LegsArguments.checkOut(out, n);
    G711Kernels.encode(law, in, in.position(), n, out, out.position());
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
    LegsArguments.check(legs, count, stride, frames, out, 2L * frames);
    LegsArguments.checkGains(gainsQ16, count);
    G711Kernels.mixMono(
        law, legs, legs.position(), count, stride, frames, gainsQ16, out, out.position());
    out.position(out.position() + 2 * frames);
  }

  @Override
  public void interleavePcm(
      G711 law, ByteBuffer legs, int count, int stride, int frames, ByteBuffer out) {
    LegsArguments.check(legs, count, stride, frames, out, 2L * frames * count);
    G711Kernels.interleavePcm(
        law, legs, legs.position(), count, stride, frames, out, out.position());
    out.position(out.position() + 2 * frames * count);
  }

  @Override
  public void interleaveG711(ByteBuffer legs, int count, int stride, int frames, ByteBuffer out) {
    LegsArguments.check(legs, count, stride, frames, out, (long) frames * count);
    G711Kernels.interleaveG711(legs, legs.position(), count, stride, frames, out, out.position());
    out.position(out.position() + frames * count);
  }
}
