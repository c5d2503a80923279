package io.voxhost.media.service;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TimelineSettings;
import java.nio.ByteBuffer;

/**
 * The C implementation. Only direct buffers cross JNI; a call with a heap buffer is served by the
 * Java twin, which gives the same bytes. Made only once {@link NativeLibraryFile} has loaded the
 * library.
 */
public final class NativeMediaLibrary implements MediaLibrary {

  private final JavaMediaLibrary twin = new JavaMediaLibrary();

  NativeMediaLibrary() {}

  @Override
  public String implementation() {
    return "native";
  }

  @Override
  public LegTimeline timeline(TimelineSettings settings) {
    return new NativeTimeline(settings);
  }

  @Override
  public void decode(G711 law, ByteBuffer in, ByteBuffer out) {
    if (!in.isDirect() || !out.isDirect()) {
      twin.decode(law, in, out);
      return;
    }
    int n = in.remaining();
    LegsArguments.checkOut(out, 2 * n);
    NativeMedia.decode(law.code(), in, in.position(), n, out, out.position());
    in.position(in.limit());
    out.position(out.position() + 2 * n);
  }

  @Override
  public void encode(G711 law, ByteBuffer in, ByteBuffer out) {
    if (!in.isDirect() || !out.isDirect()) {
      twin.encode(law, in, out);
      return;
    }
    if (in.remaining() % 2 != 0) {
      throw new IllegalArgumentException("samples are two bytes each");
    }
    int n = in.remaining() / 2;
    LegsArguments.checkOut(out, n);
    NativeMedia.encode(law.code(), in, in.position(), n, out, out.position());
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
    LegsArguments.check(legs, count, stride, frames, out, 2 * frames);
    LegsArguments.checkGains(gainsQ16, count);
    NativeMedia.mixMono(
        law.code(), legs, legs.position(), count, stride, frames, gainsQ16, out, out.position());
    out.position(out.position() + 2 * frames);
  }

  @Override
  public void interleavePcm(
      G711 law, ByteBuffer legs, int count, int stride, int frames, ByteBuffer out) {
    if (!legs.isDirect() || !out.isDirect()) {
      twin.interleavePcm(law, legs, count, stride, frames, out);
      return;
    }
    LegsArguments.check(legs, count, stride, frames, out, 2 * frames * count);
    NativeMedia.interleavePcm(
        law.code(), legs, legs.position(), count, stride, frames, out, out.position());
    out.position(out.position() + 2 * frames * count);
  }

  @Override
  public void interleaveG711(ByteBuffer legs, int count, int stride, int frames, ByteBuffer out) {
    if (!legs.isDirect() || !out.isDirect()) {
      twin.interleaveG711(legs, count, stride, frames, out);
      return;
    }
    LegsArguments.check(legs, count, stride, frames, out, frames * count);
    NativeMedia.interleaveG711(legs, legs.position(), count, stride, frames, out, out.position());
    out.position(out.position() + frames * count);
  }
}
