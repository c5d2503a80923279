package io.voxhost.tftp.transport;

import io.voxhost.tftp.codec.Option;
import java.util.List;

/**
 * How one transfer runs, as negotiated with its client.
 *
 * @param acknowledged options for the OACK that opens the transfer; empty: DATA 1 opens it
 * @param timeoutMillis the retransmission timeout the client asked for, or this server's default
 * @param minRetransmitMillis the earliest a window is sent again, however short the round trip
 * @param maxTimeouts timeouts in a row after which the transfer is dropped
 */
record TransferPlan(
    String fileName,
    int blockSize,
    int windowSize,
    List<Option> acknowledged,
    long timeoutMillis,
    long minRetransmitMillis,
    int maxTimeouts) {

  TransferPlan {
    acknowledged = List.copyOf(acknowledged);
  }
}
