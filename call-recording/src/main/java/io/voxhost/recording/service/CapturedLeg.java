package io.voxhost.recording.service;

import io.voxhost.platform.net.IpNetwork;
import java.util.Optional;

/** One leg's receiver while its session is open: a UDP port spooling what arrives. */
public interface CapturedLeg {

  String label();

  /** The UDP port the leg's RTP is to be sent to. */
  int port();

  /** The address or network the leg takes RTP from, if the session named one. */
  Optional<IpNetwork> expectedSource();

  /** Readable from any thread. */
  LegCounters counters();
}
