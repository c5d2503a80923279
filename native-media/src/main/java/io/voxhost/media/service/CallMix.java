package io.voxhost.media.service;

import io.voxhost.media.api.G711;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.codec.WavFormat;
import io.voxhost.media.codec.WavLayout;
import io.voxhost.media.codec.WavWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a call's leg tracks into one WAV file, a chunk at a time in constant memory (about 100
 * KB per leg, whatever the call's length). Each track starts at its own offset from the call's
 * start (its first packet's arrival against the earliest leg's); before its start and after its end
 * a leg is silence, and the file is as long as the longest.
 */
public final class CallMix {

  /** Frames per chunk: 4 s of audio, big enough that the JNI crossing costs nothing. */
  static final int CHUNK = 32768;

  /** What the file holds. */
  public enum Layout {
    /** One channel, the legs summed with their gains and saturated, 16-bit PCM. */
    MONO_PCM16,
    /** One 16-bit PCM channel per leg, in the given order. */
    CHANNELS_PCM16,
    /** One G.711 channel per leg, the bytes as they came: lossless. */
    CHANNELS_G711
  }

  /**
   * A leg's track: a file of G.711 bytes, where it starts in the call (samples), its gain in Q16
   * for a mono mix ({@link MediaLibrary#UNITY} is 1.0).
   */
  public record Track(Path file, long offset, int gainQ16) {
    public Track {
      if (offset < 0) {
        throw new IllegalArgumentException("offset must not be negative");
      }
    }

    public static Track of(Path file) {
      return new Track(file, 0, MediaLibrary.UNITY);
    }
  }

  private final MediaLibrary library;

  public CallMix(MediaLibrary library) {
    this.library = library;
  }

  public static WavFormat format(Layout layout, G711 law, int legs) {
    return switch (layout) {
      case MONO_PCM16 -> WavFormat.pcm16(1);
      case CHANNELS_PCM16 -> WavFormat.pcm16(legs);
      case CHANNELS_G711 -> WavFormat.g711(law, legs);
    };
  }

  /**
   * Writes {@code out} (created or truncated) and finishes its header; {@code sync} forces it to
   * the disk. Returns the frames written.
   */
  public long mix(G711 law, List<Track> tracks, Layout layout, Path out, boolean sync)
      throws IOException {
    int count = tracks.size();
    if (count < 1 || count > MediaLibrary.MAX_LEGS) {
      throw new IllegalArgumentException("1 to " + MediaLibrary.MAX_LEGS + " tracks");
    }
    List<FileChannel> inputs = new ArrayList<>(count);
    try {
      long frames = 0;
      long[] ends = new long[count];
      for (int i = 0; i < count; i++) {
        FileChannel in = FileChannel.open(tracks.get(i).file(), StandardOpenOption.READ);
        inputs.add(in);
        ends[i] = tracks.get(i).offset() + in.size();
        frames = Math.max(frames, ends[i]);
      }
      int[] gains = tracks.stream().mapToInt(Track::gainQ16).toArray();
      WavFormat format = format(layout, law, count);
      ByteBuffer legs = ByteBuffer.allocateDirect(count * CHUNK);
      ByteBuffer mixed = ByteBuffer.allocateDirect(CHUNK * format.blockAlign());
      try (WavWriter writer = WavWriter.create(out, format)) {
        for (long at = 0; at < frames; at += CHUNK) {
          int n = (int) Math.min(CHUNK, frames - at);
          for (int i = 0; i < count; i++) {
            read(inputs.get(i), tracks.get(i).offset(), ends[i], at, n, legs, i * CHUNK, law);
          }
          legs.clear();
          mixed.clear();
          switch (layout) {
            case MONO_PCM16 -> library.mixMono(law, legs, count, CHUNK, n, gains, mixed);
            case CHANNELS_PCM16 -> library.interleavePcm(law, legs, count, CHUNK, n, mixed);
            case CHANNELS_G711 -> library.interleaveG711(legs, count, CHUNK, n, mixed);
          }
          writer.write(mixed.flip());
        }
        writer.finish(sync);
      }
      return frames;
    } finally {
      for (FileChannel in : inputs) {
        in.close();
      }
    }
  }

  /**
   * The mono mix of a multichannel G.711 WAV (the stored master): its channels de-interleaved a
   * chunk at a time and mixed as legs with the given gains (one per channel; null for all 1.0).
   * Returns the frames written.
   */
  public long monoFromChannels(Path master, int[] gainsQ16, Path out, boolean sync)
      throws IOException {
    try (FileChannel in = FileChannel.open(master, StandardOpenOption.READ)) {
      WavLayout layout = WavLayout.read(in);
      G711 law = layout.format().law();
      if (law == null) {
        throw new WavLayout.NotWav("the master is PCM, not G.711");
      }
      int count = layout.format().channels();
      int[] gains = gainsQ16;
      if (gains == null) {
        gains = new int[count];
        java.util.Arrays.fill(gains, MediaLibrary.UNITY);
      }
      long frames = layout.dataLength() / count;
      ByteBuffer interleaved = ByteBuffer.allocateDirect(CHUNK * count);
      ByteBuffer legs = ByteBuffer.allocateDirect(count * CHUNK);
      ByteBuffer mixed = ByteBuffer.allocateDirect(CHUNK * 2);
      try (WavWriter writer = WavWriter.create(out, WavFormat.pcm16(1))) {
        for (long at = 0; at < frames; at += CHUNK) {
          int n = (int) Math.min(CHUNK, frames - at);
          interleaved.clear().limit(n * count);
          long position = layout.dataOffset() + at * count;
          while (interleaved.hasRemaining()) {
            if (in.read(interleaved, position + interleaved.position()) < 0) {
              throw new IOException("Master shorter than its header says");
            }
          }
          for (int f = 0; f < n; f++) {
            for (int c = 0; c < count; c++) {
              legs.put(c * CHUNK + f, interleaved.get(f * count + c));
            }
          }
          legs.clear();
          mixed.clear();
          library.mixMono(law, legs, count, CHUNK, n, gains, mixed);
          writer.write(mixed.flip());
        }
        writer.finish(sync);
      }
      return frames;
    }
  }

  /** Frames [at, at + n) of one leg into legs[slot, slot + n): silence outside its track. */
  private static void read(
      FileChannel in, long offset, long end, long at, int n, ByteBuffer legs, int slot, G711 law)
      throws IOException {
    int silentHead = (int) Math.max(0, Math.min(n, offset - at));
    int audioEnd = (int) Math.max(silentHead, Math.min(n, end - at));
    for (int k = 0; k < silentHead; k++) {
      legs.put(slot + k, law.silence());
    }
    ByteBuffer target = legs.duplicate().limit(slot + audioEnd).position(slot + silentHead);
    long filePosition = at + silentHead - offset;
    while (target.hasRemaining()) {
      int r = in.read(target, filePosition);
      if (r < 0) {
        throw new IOException("Track shorter than it was a moment ago");
      }
      filePosition += r;
    }
    for (int k = audioEnd; k < n; k++) {
      legs.put(slot + k, law.silence());
    }
  }
}
