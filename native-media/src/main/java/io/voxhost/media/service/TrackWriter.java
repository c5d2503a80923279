package io.voxhost.media.service;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.Placements;
import io.voxhost.media.api.TrackSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/**
 * Writes a leg's track: the placements a timeline releases, with silence in every gap between them,
 * as a continuous run of G.711 bytes from the leg's first packet on.
 */
public final class TrackWriter implements TrackSink {

  private final WritableByteChannel channel;
  private final ByteBuffer silence;
  private long length;

  public TrackWriter(WritableByteChannel channel, G711 law) {
    this.channel = channel;
    byte[] quiet = new byte[8192];
    Arrays.fill(quiet, law.silence());
    this.silence = ByteBuffer.wrap(quiet);
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public void write(ByteBuffer run, int from, int to) throws IOException {
    try {
      Placements.forEach(
          run,
          from,
          to,
          (position, bytes) -> {
            try {
              silenceUntil(position);
              length += bytes.remaining();
              while (bytes.hasRemaining()) {
                channel.write(bytes);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public void silenceUntil(long position) throws IOException {
    if (position < length) {
      throw new IllegalArgumentException("Placement at " + position + " before " + length);
    }
    while (length < position) {
      int n = (int) Math.min(silence.capacity(), position - length);
      ByteBuffer chunk = silence.duplicate().limit(n);
      while (chunk.hasRemaining()) {
        channel.write(chunk);
      }
      length += n;
    }
  }
}
