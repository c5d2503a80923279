package io.voxhost.recording.service;

import io.voxhost.media.api.AudioFiles;
import io.voxhost.media.api.G711;
import io.voxhost.media.api.MediaLibrary;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Turns a finished capture's spool into its stored recording: each leg's track ({@link LegTracks}),
 * the tracks aligned on the earliest leg's first packet and interleaved into a stereo (one channel
 * per leg) G.711 WAV, the lossless master, stored whole or not at all; then the row completed with
 * the legs' statistics ({@link Completions}). Runs on the {@link AssemblyQueue}. A failure marks
 * the recording {@code failed}, except the database's absence when the row is written, which is
 * thrown back ({@link EndingNotWritten}) for the queue to write the row later.
 */
@ApplicationScoped
public class Assembler {

  private static final Logger LOG = Logger.getLogger(Assembler.class);

  private final RecordingFiles files;
  private final AudioFiles audio;
  private final LegTracks tracks;
  private final Completions completions;

  Assembler(RecordingFiles files, AudioFiles audio, LegTracks tracks, Completions completions) {
    this.files = files;
    this.audio = audio;
    this.tracks = tracks;
    this.completions = completions;
  }

  /**
   * Assembles and stores; returns the status the recording ended with.
   *
   * @throws EndingNotWritten when the database did not take the finished row
   */
  RecordingStatus assemble(Recording recording, List<String> labels) {
    Path spool = files.spool(recording.id());
    Recording finished;
    try {
      MediaLibrary library = audio.library();
      G711 law = recording.codec().equals("PCMA") ? G711.ALAW : G711.ULAW;
      List<LegTrack> legs = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        legs.add(tracks.build(library, law, spool, i, labels.get(i)));
      }
      long start =
          legs.stream()
              .mapToLong(LegTrack::firstArrivalMicros)
              .filter(t -> t >= 0)
              .min()
              .orElse(-1);
      Instant now = Instant.now();
      finished =
          start < 0
              ? completions.absent(recording, legs, now)
              : stored(recording, law, legs, start, now);
    } catch (IOException | RuntimeException e) {
      return failed(recording, e);
    }
    return finish(recording, finished);
  }

  /** Mixes the legs, aligned on {@code start}, into the stored master; returns its row. */
  private Recording stored(
      Recording recording, G711 law, List<LegTrack> legs, long start, Instant now)
      throws IOException {
    List<AudioFiles.AudioTrack> aligned = new ArrayList<>();
    for (LegTrack leg : legs) {
      long offset = leg.firstArrivalMicros() < 0 ? 0 : (leg.firstArrivalMicros() - start) / 125;
      aligned.add(new AudioFiles.AudioTrack(leg.track(), offset, MediaLibrary.UNITY));
    }
    Instant startedAt = Instant.ofEpochSecond(start / 1_000_000, (start % 1_000_000) * 1000);
    long[] frames = new long[1];
    RecordingFiles.Stored stored =
        files.store(
            files.relative(recording.tenantId(), recording.id(), startedAt),
            temporary -> frames[0] = audio.mixChannels(law, aligned, temporary, true));
    return completions.completed(recording, startedAt, frames[0] / 8, stored, legs, now);
  }

  /**
   * Writes the row of an assembled recording and what follows it ({@link Completions#finish});
   * returns the status the recording ended with. A failure after the row was written still marks it
   * {@code failed} (see decisions.md).
   *
   * @throws EndingNotWritten when the database did not take the row
   */
  RecordingStatus finish(Recording recording, Recording finished) {
    try {
      completions.finish(finished);
      return finished.status();
    } catch (EndingNotWritten e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return failed(recording, e);
    }
  }

  private RecordingStatus failed(Recording recording, Exception e) {
    LOG.errorf(e, "Recording %s: assembly failed", recording.id());
    completions.failed(recording, e.toString());
    return RecordingStatus.FAILED;
  }
}
