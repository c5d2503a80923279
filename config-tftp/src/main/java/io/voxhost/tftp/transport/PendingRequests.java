package io.voxhost.tftp.transport;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The listener's requests in progress, by the client's TID: those waiting (for their address to be
 * verified, or for their file to be looked up) and the transfers running. A client repeats its
 * request until it hears from the server; a repeat of one in progress is not a new request.
 */
final class PendingRequests {

  /**
   * How long a waiting request is remembered: the ledger may drop a waiting request unanswered, and
   * the client's later repeat must then count as new.
   */
  static final long WAIT_MEMORY_NANOS = 15_000_000_000L;

  /** Beyond this many waiting entries, those past their memory are swept out. */
  static final int WAITING_SWEEP_SIZE = 20_000;

  private final LongSupplier clock;
  private final Map<InetSocketAddress, TftpTransfer> running = new ConcurrentHashMap<>();
  private final Map<InetSocketAddress, Long> waiting = new ConcurrentHashMap<>();

  /**
   * @param clock nanoseconds, as {@link System#nanoTime()}
   */
  PendingRequests(LongSupplier clock) {
    this.clock = clock;
  }

  /**
   * Whether a request for {@code fileName} from {@code client} repeats one in progress. A repeat of
   * a running transfer's request has it send its opening packet again.
   */
  boolean absorbsRepeat(InetSocketAddress client, String fileName) {
    TftpTransfer transfer = running.get(client);
    if (transfer != null) {
      if (transfer.fileName().equals(fileName)) {
        transfer.requestRepeated();
      }
      return true;
    }
    Long since = waiting.get(client);
    return since != null && clock.getAsLong() - since < WAIT_MEMORY_NANOS;
  }

  /** The client's request waits from now on. */
  void waiting(InetSocketAddress client) {
    long now = clock.getAsLong();
    if (waiting.size() >= WAITING_SWEEP_SIZE) {
      waiting.values().removeIf(since -> now - since >= WAIT_MEMORY_NANOS);
    }
    waiting.put(client, now);
  }

  /** The client's request waits no more: it is refused, admitted again or looked up. */
  void doneWaiting(InetSocketAddress client) {
    waiting.remove(client);
  }

  void started(InetSocketAddress client, TftpTransfer transfer) {
    running.put(client, transfer);
  }

  /** The client's transfer ended, or never got its socket. */
  void ended(InetSocketAddress client, TftpTransfer transfer) {
    running.remove(client, transfer);
  }

  /** Tells every running transfer to end. */
  void stopAll() {
    running.values().forEach(TftpTransfer::stop);
  }
}
