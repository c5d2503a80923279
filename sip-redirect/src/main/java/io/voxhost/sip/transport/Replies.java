package io.voxhost.sip.transport;

import java.io.IOException;
import java.text.ParseException;
import javax.sip.message.Response;

/**
 * Sends answers and counts each by its class: the flows answer through it, so that none goes out
 * uncounted. An answer sent again for a retransmission is not counted: it is no new response.
 */
final class Replies {

  private final SipMetrics metrics;

  Replies(SipMetrics metrics) {
    this.metrics = metrics;
  }

  /** Sends the response; returns it encoded, for a retransmission to be answered from. */
  byte[] send(ResponseChannel channel, Response response) throws IOException, ParseException {
    metrics.response(response.getStatusCode());
    return channel.send(response);
  }

  /** Sends a response encoded before; {@code status} is its status code. */
  void send(ResponseChannel channel, int status, byte[] encoded)
      throws IOException, ParseException {
    metrics.response(status);
    channel.resend(encoded);
  }
}
