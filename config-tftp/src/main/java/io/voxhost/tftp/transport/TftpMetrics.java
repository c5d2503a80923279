package io.voxhost.tftp.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** {@code voxhost_tftp_*}: requests by outcome, transfers by outcome, bytes, running transfers. */
final class TftpMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<TransferOutcome, Counter> transfers = new EnumMap<>(TransferOutcome.class);
  private final Counter bytes;
  private final Counter resentAfterGap;
  private final Counter resentAfterTimeout;

  TftpMetrics(MeterRegistry registry, Supplier<Number> running) {
    this.registry = registry;
    for (TransferOutcome outcome : TransferOutcome.values()) {
      transfers.put(
          outcome,
          Counter.builder("voxhost_tftp_transfers")
              .description("TFTP transfers that ended, by outcome")
              .tag("outcome", outcome.name().toLowerCase())
              .register(registry));
    }
    this.bytes =
        Counter.builder("voxhost_tftp_sent_bytes")
            .description("File bytes delivered by TFTP")
            .register(registry);
    this.resentAfterGap = resent(registry, "gap");
    this.resentAfterTimeout = resent(registry, "timeout");
    Gauge.builder("voxhost_tftp_running_transfers", running, s -> s.get().doubleValue())
        .description("TFTP transfers running now")
        .strongReference(true)
        .register(registry);
  }

  private static Counter resent(MeterRegistry registry, String cause) {
    return Counter.builder("voxhost_tftp_resent_blocks")
        .description("DATA blocks sent again, after a gap the client reported or a timeout")
        .tag("cause", cause)
        .register(registry);
  }

  void resent(long blocks, boolean afterTimeout) {
    (afterTimeout ? resentAfterTimeout : resentAfterGap).increment(blocks);
  }

  /**
   * A request to the listener and what became of it: started, waiting, busy, rate_limited,
   * not_found, refused, malformed, write_refused.
   */
  void request(String outcome) {
    requests
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("voxhost_tftp_requests")
                    .description("TFTP packets to the listener, by what became of them")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }

  void ended(TransferOutcome outcome, long delivered) {
    transfers.get(outcome).increment();
    bytes.increment(delivered);
  }
}
