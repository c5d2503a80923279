package io.voxhost.media.api;

/**
 * How one leg's packets become a track.
 *
 * @param payloadType the RTP payload type that carries the leg's audio; others are counted and
 *     skipped
 * @param window packets held back after a gap while the missing one may still arrive (1..4096); a
 *     packet later than that is late
 * @param maxPayload the longest payload accepted, bytes (1..8192); longer ones are invalid
 * @param maxJumpSamples a packet whose timestamp lands further than this from the end of the track
 *     starts a new segment, placed by its arrival time
 */
public record TimelineSettings(int payloadType, int window, int maxPayload, long maxJumpSamples) {

  public static final int MAX_WINDOW = 4096;
  public static final int MAX_PAYLOAD = 8192;

  public TimelineSettings {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type must be 0..127");
    }
    if (window < 1 || window > MAX_WINDOW) {
      throw new IllegalArgumentException("window must be 1.." + MAX_WINDOW);
    }
    if (maxPayload < 1 || maxPayload > MAX_PAYLOAD) {
      throw new IllegalArgumentException("maxPayload must be 1.." + MAX_PAYLOAD);
    }
    if (maxJumpSamples < 1) {
      throw new IllegalArgumentException("maxJumpSamples must be positive");
    }
  }

  /**
   * 64 packets (1.28 s of 20 ms packets) of up to 1,280 bytes, and a new segment after a jump of
   * more than 30 s.
   */
  public static TimelineSettings of(G711 law) {
    return new TimelineSettings(law.payloadType(), 64, 1280, 30L * 8000);
  }

  /** The most bytes one {@link LegTimeline#add} or {@link LegTimeline#finish} writes. */
  public int placementBound() {
    return (window + 1) * (Placements.HEADER + maxPayload);
  }
}
