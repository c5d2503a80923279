package io.voxhost.tftp.transport;

import io.micrometer.core.instrument.Counter;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/** {@code voxhost_tftp_*}: requests by outcome, transfers by outcome, bytes, running transfers. */
final class TftpMetrics {

  private final Map<RequestOutcome, Counter> requests = new EnumMap<>(RequestOutcome.class);
  private final Map<TransferOutcome, Counter> transfers = new EnumMap<>(TransferOutcome.class);
  private final Counter bytes;
  private final Counter resentAfterGap;
  private final Counter resentAfterTimeout;

  TftpMetrics(Meters registry, Supplier<Number> running) {
    for (RequestOutcome outcome : RequestOutcome.values()) {
      requests.put(
          outcome,
          registry.counter(
              MeterName.of("tftp", "requests"),
              "TFTP packets to the listener, by what became of them",
              "outcome",
              outcome.tag()));
    }
    for (TransferOutcome outcome : TransferOutcome.values()) {
      transfers.put(
          outcome,
          registry.counter(
              MeterName.of("tftp", "transfers"),
              "TFTP transfers that ended, by outcome",
              "outcome",
              outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }
    this.bytes =
        registry.counter(new MeterName("tftp", "sent", "bytes"), "File bytes delivered by TFTP");
    this.resentAfterGap = resent(registry, "gap");
    this.resentAfterTimeout = resent(registry, "timeout");
    registry.gauge(
        MeterName.of("tftp", "running_transfers"), "TFTP transfers running now", running);
  }

  private static Counter resent(Meters registry, String cause) {
    return registry.counter(
        MeterName.of("tftp", "resent_blocks"),
        "DATA blocks sent again, after a gap the client reported or a timeout",
        "cause",
        cause);
  }

  void resent(long blocks, boolean afterTimeout) {
    (afterTimeout ? resentAfterTimeout : resentAfterGap).increment(blocks);
  }

  /** A packet to the listener and what became of it. */
  void request(RequestOutcome outcome) {
    requests.get(outcome).increment();
  }

  void ended(TransferOutcome outcome, long delivered) {
    transfers.get(outcome).increment();
    bytes.increment(delivered);
  }
}
