package io.voxhost.media.service;

import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.codec.WavLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stored WAV (PCM16, or G.711 decoded on the way) as an MP3 stream, read in chunks, in constant
 * memory; its channel count (one or two) and law come from the file's own header.
 */
public final class Mp3Export {

  private static final int CHUNK = 64 * 1024;

  private final MediaLibrary library;

  public Mp3Export(MediaLibrary library) {
    this.library = library;
  }

  public void write(Path wav, OutputStream out) throws IOException {
    try (FileChannel in = FileChannel.open(wav, StandardOpenOption.READ)) {
      WavLayout layout = WavLayout.read(in);
      try (Mp3Writer mp3 = new Mp3Writer(out, layout.format().channels())) {
        boolean g711 = layout.format().law() != null;
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer pcm = ByteBuffer.allocateDirect(g711 ? 2 * CHUNK : CHUNK);
        byte[] bytes = new byte[pcm.capacity()];
        long at = layout.dataOffset();
        long end = layout.dataOffset() + layout.dataLength();
        while (at < end) {
          chunk.clear().limit((int) Math.min(CHUNK, end - at));
          int n = in.read(chunk, at);
          if (n <= 0) {
            break; // shorter than its header says: what is there is sent
          }
          at += n;
          chunk.flip();
          pcm.clear();
          if (g711) {
            library.decode(layout.format().law(), chunk, pcm);
          } else {
            pcm.put(chunk);
          }
          pcm.flip();
          int length = pcm.remaining();
          pcm.get(bytes, 0, length);
          mp3.write(bytes, 0, length);
        }
        mp3.finish();
      }
    }
  }
}
