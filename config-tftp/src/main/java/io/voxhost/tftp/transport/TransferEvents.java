package io.voxhost.tftp.transport;

import java.net.InetSocketAddress;

/** What a transfer tells the listener that started it. */
interface TransferEvents {

  /** The client acknowledged for the first time: it is at the address it claims. */
  void acknowledged(InetSocketAddress client);

  /** The transfer is over and its socket closed; called once. */
  void ended(InetSocketAddress client, TransferOutcome outcome, long bytesSent);
}
