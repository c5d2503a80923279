package io.voxhost.phones.service;

import java.time.Duration;

/**
 * What a leg's stream carries and how the network treats it.
 *
 * @param payloadType 0 (PCMU) or 8 (PCMA)
 * @param samples G.711 bytes of that law, one a sample at 8 kHz, sent in a loop (160 a packet)
 * @param loss the share of packets dropped at random, 0 to 1
 * @param jitter the most a packet is held back past its time (uniformly at random)
 */
public record Audio(int payloadType, byte[] samples, double loss, Duration jitter) {

  public Audio {
    if (samples.length < 160) {
      throw new IllegalArgumentException("audio of at least one packet (160 samples)");
    }
    if (loss < 0 || loss > 1) {
      throw new IllegalArgumentException("loss is a share, 0 to 1");
    }
    samples = samples.clone();
  }

  @Override
  public byte[] samples() {
    return samples.clone();
  }
}
