package io.voxhost.tftp.transport;

/** How a transfer ended. */
enum TransferOutcome {
  /** Every block acknowledged. */
  COMPLETED,
  /** The client sent an ERROR (after a tsize probe, for one). */
  ABORTED_BY_CLIENT,
  /** No acknowledgment after the allowed timeouts. */
  TIMED_OUT,
  /** The client broke the protocol; it got ERROR 4. */
  PROTOCOL_ERROR,
  /** The file could not be read; the client got ERROR 0. */
  READ_FAILED,
  /** The server stopped. */
  STOPPED
}
