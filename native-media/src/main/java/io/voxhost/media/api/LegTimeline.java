package io.voxhost.media.api;

import java.nio.ByteBuffer;

/**
 * One call leg's RTP packets, given as they arrived, turned into a continuous 8 kHz track:
 * reordered within the window, duplicates dropped, gaps (loss, silence suppression) left for
 * silence, sequence and timestamp wrap-around followed, and a new segment started on an SSRC change
 * or a large jump. Not thread-safe: one leg, one thread at a time. Memory is fixed by the settings;
 * {@link #close()} frees it.
 */
public interface LegTimeline extends AutoCloseable {

  /**
   * Adds a packet. Its payload is {@code payload}'s bytes between position and limit (left
   * unmoved); the placements it releases are written to {@code placements} at its position, which
   * moves past them. {@code placements} must have {@link TimelineSettings#placementBound()} bytes
   * remaining.
   *
   * @param arrivalMicros when it arrived, microseconds on any clock shared by the call's legs
   * @param sequence 0..65535
   * @param timestamp 0..2^32-1
   * @param ssrc 0..2^32-1
   * @return the bytes written
   */
  int add(
      long arrivalMicros,
      int sequence,
      long timestamp,
      long ssrc,
      int payloadType,
      ByteBuffer payload,
      ByteBuffer placements);

  /** Releases every packet still held back, as {@link #add} writes them. */
  int finish(ByteBuffer placements);

  LegStats stats();

  @Override
  void close();
}
