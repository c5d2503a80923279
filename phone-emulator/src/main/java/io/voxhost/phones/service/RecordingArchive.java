package io.voxhost.phones.service;

import io.voxhost.phones.codec.WavHeader;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The node's recordings, as the business fetches them: a row, its legs, its audio. */
public interface RecordingArchive {

  /** A leg as the node's row shows it after assembly. */
  record Leg(String label, long packets, long lost) {}

  /**
   * A recording's audio as downloaded: its header, the bytes that came, and each channel's share of
   * samples with sound.
   */
  record Download(WavHeader header, long bytes, List<Double> sound) {}

  /**
   * A recording as the node holds it.
   *
   * @param status completed, absent, failed (or still in-progress or processing when the wait ran
   *     out)
   * @param durationMs the row's duration, 0 before assembly
   * @param channels the row's channels, 0 before assembly
   * @param legs the row's legs
   * @param download the WAV as downloaded, empty when it was not completed or had no header
   */
  record Stored(
      String status, long durationMs, int channels, List<Leg> legs, Optional<Download> download) {}

  /**
   * Recording {@code id}, once it is no longer in progress or processing, or as it is after {@code
   * wait}; its audio downloaded whole when it is completed.
   */
  Stored stored(String id, Duration wait) throws IOException, InterruptedException;
}
