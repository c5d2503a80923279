package io.voxhost.sip.transport;

import gov.nist.javax.sip.header.Via;
import java.io.IOException;

/**
 * The way back to where a message came from: over the UDP socket to the address RFC 3261 18.2.2
 * names, or over the connection it arrived on.
 */
interface ReturnPath {

  /** Where the answers to the request with top Via {@code via} go. */
  ResponseChannel channel(Via via);

  /** Sends an answer made from a request's raw bytes (one too broken to parse). */
  void send(byte[] answer) throws IOException;
}
