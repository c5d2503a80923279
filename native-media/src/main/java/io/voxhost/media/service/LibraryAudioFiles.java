package io.voxhost.media.service;

import io.voxhost.media.api.AudioFiles;
import io.voxhost.media.api.G711;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TrackSink;
import io.voxhost.media.codec.WavLayout;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;

/** {@link AudioFiles} on the implementation {@link MediaLibraries} chose. */
@ApplicationScoped
public class LibraryAudioFiles implements AudioFiles {

  private final MediaLibraries libraries;

  LibraryAudioFiles(MediaLibraries libraries) {
    this.libraries = libraries;
  }

  @Override
  public MediaLibrary library() {
    return libraries.active();
  }

  @Override
  public TrackSink track(WritableByteChannel out, G711 law) {
    return new TrackWriter(out, law);
  }

  @Override
  public long mixChannels(G711 law, List<AudioTrack> tracks, Path out, boolean sync)
      throws IOException {
    List<CallMix.Track> legs =
        tracks.stream().map(t -> new CallMix.Track(t.file(), t.offset(), t.gainQ16())).toList();
    return new CallMix(library()).mix(law, legs, CallMix.Layout.CHANNELS_G711, out, sync);
  }

  @Override
  public long monoFromChannels(Path master, Path out, boolean sync) throws IOException {
    return new CallMix(library()).monoFromChannels(master, null, out, sync);
  }

  @Override
  public void mp3(Path wav, OutputStream out) throws IOException {
    new Mp3Export(library()).write(wav, out);
  }

  @Override
  public int mp3KbpsPerChannel() {
    return Mp3Writer.KBPS_PER_CHANNEL;
  }

  @Override
  public WavInfo readWav(FileChannel file) throws IOException {
    try {
      WavLayout layout = WavLayout.read(file);
      return new WavInfo(
          layout.format().law(),
          layout.format().channels(),
          layout.dataOffset(),
          layout.dataLength());
    } catch (WavLayout.NotWav e) {
      throw new NotWav(e.getMessage());
    }
  }
}
