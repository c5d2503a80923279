package io.voxhost.tftp.transport;

import java.net.InetSocketAddress;

/** What a transfer tells the listener that started it. */
interface TransferEvents {

  /** The client acknowledged for the first time: it is at the address it claims. */
  void acknowledged(InetSocketAddress client);

  /**
   * Blocks sent again: after a client's ACK showed a gap ({@code afterTimeout} false), or after no
   * ACK came in time.
   */
  void resent(long blocks, boolean afterTimeout);

  /** The transfer is over and its socket closed; called once. */
  void ended(InetSocketAddress client, TransferOutcome outcome, long bytesSent);
}
