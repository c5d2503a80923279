package io.voxhost.recording.service;

/** One leg's receiver while its session is open: a UDP port spooling what arrives. */
public interface CapturedLeg {

  String label();

  /** The UDP port the leg's RTP is to be sent to. */
  int port();

  /** Readable from any thread. */
  LegCounters counters();
}
