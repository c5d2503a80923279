package io.voxhost.recording.service;

/**
 * RFC 3550 (A.8) interarrival jitter of one leg's packets, as they arrived: the running mean of how
 * much the transit time (arrival minus RTP timestamp) changes from one packet to the next, smoothed
 * by 1/16. Kept in 8 kHz samples, the G.711 timestamp's unit, as the RFC does.
 */
final class InterarrivalJitter {

  private double samples;
  private long previousTransit = Long.MIN_VALUE;

  /** Takes a packet's arrival (microseconds) and RTP timestamp. */
  void add(long arrivalMicros, long timestamp) {
    long transit = arrivalMicros / 125 - timestamp;
    if (previousTransit != Long.MIN_VALUE) {
      samples += (Math.abs(transit - previousTransit) - samples) / 16;
    }
    previousTransit = transit;
  }

  double millis() {
    return samples / 8.0;
  }
}
