package io.voxhost.tftp.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * What the listener keeps and reports of its requests and transfers: admissions per address, the
 * requests in progress, the metrics, the fetch audit, and the clock transfers time themselves by.
 *
 * @param clock nanoseconds, as {@link System#nanoTime()}
 */
record ListenerBooks(
    SourceLedger ledger,
    PendingRequests pending,
    TftpMetrics metrics,
    TransferAudit audit,
    LongSupplier clock) {

  /**
   * Tells the ledger a transfer from {@code address} was acknowledged for the first time, and
   * admits again the requests that waited for it.
   */
  void acknowledged(InetAddress address, boolean probe) {
    admitAgain(ledger.acknowledged(address, probe));
  }

  /**
   * Tells the ledger a transfer from {@code address} ended (or never started), and admits again the
   * request whose turn it is, if any.
   */
  void ended(InetAddress address, boolean unacknowledgedProbe) {
    admitAgain(ledger.ended(address, unacknowledgedProbe));
  }

  private static void admitAgain(List<Runnable> requests) {
    requests.forEach(Runnable::run);
  }
}
