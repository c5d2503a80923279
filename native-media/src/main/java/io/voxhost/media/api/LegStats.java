package io.voxhost.media.api;

/**
 * What a leg's timeline saw.
 *
 * @param packets accepted packets, duplicates and late ones included
 * @param lost sequence numbers never received by the time their turn passed
 * @param duplicated sequence numbers received again
 * @param late packets that came after their turn had passed (counted lost before), or out of any
 *     sensible range of sequence numbers (RFC 3550's probation)
 * @param reordered packets that came after a later one, still in time
 * @param segments continuous stretches: a new one on an SSRC change or a large timestamp jump
 * @param ignored packets of another payload type (comfort noise, DTMF events)
 * @param invalid packets refused for a payload longer than the settings allow
 * @param overlapped packets whose audio lay wholly before what was already placed
 * @param firstArrivalMicros when the first packet arrived; -1 before it
 * @param samples the track's length so far, gaps included, at 8 kHz
 */
public record LegStats(
    long packets,
    long lost,
    long duplicated,
    long late,
    long reordered,
    long segments,
    long ignored,
    long invalid,
    long overlapped,
    long firstArrivalMicros,
    long samples) {

  /** The same order as the native library's statistics array. */
  public static LegStats of(long[] v) {
    return new LegStats(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
  }

  /** How many values {@link #of} takes. */
  public static final int FIELDS = 11;
}
