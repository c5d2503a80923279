package io.voxhost.recording.service;

import io.voxhost.media.api.AudioFiles;
import io.voxhost.media.api.G711;
import io.voxhost.media.api.LegTimeline;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.media.api.TimelineSettings;
import io.voxhost.media.api.TrackSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Builds one leg's track from its spool: the packets, as they arrived, through the media library's
 * timeline (reordering, loss, duplicates, holds) into a G.711 track file {@code legNN.track} next
 * to the spool, with the timeline's statistics and the leg's interarrival jitter.
 */
@ApplicationScoped
public class LegTracks {

  private final AudioFiles audio;

  LegTracks(AudioFiles audio) {
    this.audio = audio;
  }

  /**
   * The track of the {@code index}th leg, labelled {@code label}, of the spool in {@code spool}.
   */
  LegTrack build(MediaLibrary library, G711 law, Path spool, int index, String label)
      throws IOException {
    TimelineSettings settings = TimelineSettings.of(law);
    Path track = spool.resolve(String.format("leg%02d.track", index));
    ByteBuffer placements = ByteBuffer.allocateDirect(settings.placementBound());
    InterarrivalJitter jitter = new InterarrivalJitter();
    try (LegTimeline timeline = library.timeline(settings);
        FileChannel out = RecordingFiles.createFile(track)) {
      TrackSink writer = audio.track(out, law);
      new LegSpool(spool, index)
          .read(
              r -> {
                placements.clear();
                int n =
                    timeline.add(
                        r.arrivalMicros(),
                        r.sequence(),
                        r.timestamp(),
                        r.ssrc(),
                        r.payloadType(),
                        r.payload(),
                        placements);
                writer.write(placements, 0, n);
                jitter.add(r.arrivalMicros(), r.timestamp());
              });
      placements.clear();
      writer.write(placements, 0, timeline.finish(placements));
      return new LegTrack(label, track, timeline.stats(), jitter.millis());
    }
  }
}
