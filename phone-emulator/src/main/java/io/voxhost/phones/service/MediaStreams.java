package io.voxhost.phones.service;

import java.net.InetSocketAddress;
import java.util.Optional;

/** RTP senders: one stream of G.711 a leg, 50 packets a second, until it is stopped. */
public interface MediaStreams {

  /** What one stream sent, and what it dropped on purpose (the configured loss). */
  record Sent(long packets, long dropped) {}

  /** A stream being sent. */
  interface Stream {
    /** Stops sending; what it sent. */
    Sent stop();
  }

  /**
   * Starts sending {@code audio} (looped) from {@code host} to {@code to}; empty when the node-wide
   * bound of streams is reached.
   */
  Optional<Stream> start(String host, InetSocketAddress to, Audio audio, long seed);
}
