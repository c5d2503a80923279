package io.voxhost.recording.service;

/**
 * What a leg's receiver has seen so far.
 *
 * @param foreign packets from a source other than the one the leg latched, or (before it latched)
 *     from outside the source the session named for it
 * @param excess packets over one G.711 stream's allowance, dropped
 * @param lastPacketMicros arrival of the latest packet ({@link CaptureClock}), -1 before the first
 */
public record LegCounters(
    long packets,
    long bytes,
    long foreign,
    long malformed,
    long rtcp,
    long excess,
    long spoolErrors,
    long lastPacketMicros) {}
