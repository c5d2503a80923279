package io.voxhost.media.api;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * The media library's work on files, for other modules: writing a leg's track, mixing tracks into a
 * WAV file, MP3 of a stored WAV, and reading a WAV file's layout. Streams everything in bounded
 * chunks, whatever the length of the call.
 */
public interface AudioFiles {

  /** The media implementation in use (native or the Java twin), loaded on the first call. */
  MediaLibrary library();

  /** A writer of one leg's G.711 track into {@code out}: placements, then silence up to a point. */
  TrackSink track(WritableByteChannel out, G711 law);

  /**
   * Writes the tracks as one G.711 WAV at {@code out}, a channel per track, each placed at its
   * offset; returns the samples per channel.
   *
   * @param sync whether the file is forced to disk before this returns
   */
  long mixChannels(G711 law, List<AudioTrack> tracks, Path out, boolean sync) throws IOException;

  /** A 16-bit mono WAV at {@code out} mixed from every channel of {@code master}. */
  long monoFromChannels(Path master, Path out, boolean sync) throws IOException;

  /** Streams {@code wav} as MP3: its channels as stereo (two at most) at a constant bit rate. */
  void mp3(Path wav, OutputStream out) throws IOException;

  /** The MP3 bit rate per channel, in kbit/s: part of an MP3's identity (its ETag). */
  int mp3KbpsPerChannel();

  /**
   * The layout of the WAV file open in {@code file}.
   *
   * @throws NotWav when it is not a WAV file of 8 kHz G.711 or 16-bit PCM
   */
  WavInfo readWav(FileChannel file) throws IOException;

  /** One track of a mix: its file, its offset in samples, its gain in Q16 (65536 is unity). */
  record AudioTrack(Path file, long offset, int gainQ16) {}

  /**
   * Where the audio of a WAV file is.
   *
   * @param law the G.711 law, or null for 16-bit PCM
   */
  record WavInfo(G711 law, int channels, long dataOffset, long dataLength) {}

  /** A file that is not a WAV file this library reads. */
  final class NotWav extends IOException {
    private static final long serialVersionUID = 1L;

    public NotWav(String message) {
      super(message);
    }
  }
}
