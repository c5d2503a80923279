package io.voxhost.tftp.transport;

import java.util.Locale;

/**
 * What became of a packet to the listener: the {@code outcome} of {@code
 * voxhost_tftp_requests_total}, and of a refused request's fetch record.
 */
enum RequestOutcome {
  /** A transfer was opened for it. */
  STARTED,
  /** It waits for its address to acknowledge the transfer already running. */
  WAITING,
  /** Over a transfer limit: dropped unanswered, the client retries. */
  BUSY,
  /** Over its address's request rate: dropped unanswered. */
  RATE_LIMITED,
  /** No such file: ERROR 1. */
  NOT_FOUND,
  /** A name, file or device that may not be served: ERROR 2, or ERROR 0 for netascii too large. */
  REFUSED,
  /** Not a read request of this server's modes: ERROR 4. */
  MALFORMED,
  /** A write request: ERROR 2. */
  WRITE_REFUSED,
  /** Its file could not be looked up now: ERROR 0. */
  LOOKUP_FAILED,
  /** From a source banned for failed fetches: dropped unanswered. */
  BANNED,
  /** A device's file the source may not have (fetch policy, site networks): ERROR 1 as unknown. */
  NOT_ALLOWED;

  /** The name metrics and fetch records use: lower case. */
  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
