package io.voxhost.recording.service;

import io.voxhost.platform.net.IpNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where legs' RTP arrives (the transport: one UDP port per leg from the configured range). */
public interface LegReceivers {

  /**
   * Opens a receiver for the leg {@code label}, the {@code index}th of its session, spooling into
   * {@code spool} with arrival times from {@code clock}. With an {@code expected} source only RTP
   * from there is taken; without one the first valid packet's source is.
   *
   * @throws IOException when no port of the range is free
   */
  CapturedLeg open(
      String label, int index, Optional<IpNetwork> expected, Path spool, CaptureClock clock)
      throws IOException;

  /** Closes the leg's port and spool; completes when both are closed. */
  CompletableFuture<Void> close(CapturedLeg leg);

  /** The address a session's answer tells the media server to send to. */
  String advertisedHost();
}
