package io.voxhost.media.api;

import java.io.IOException;
import java.nio.ByteBuffer;

/** One leg's track as it is written: placements from its timeline, and silence for gaps. */
public interface TrackSink {

  /** Samples written so far. */
  long length();

  /** Writes the placements in {@code run} from {@code from} to {@code to} (bytes). */
  void write(ByteBuffer run, int from, int to) throws IOException;

  /** Pads the track with the law's silence up to {@code position} samples. */
  void silenceUntil(long position) throws IOException;
}
