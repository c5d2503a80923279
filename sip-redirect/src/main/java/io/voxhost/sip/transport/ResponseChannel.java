package io.voxhost.sip.transport;

import java.io.IOException;
import java.text.ParseException;
import javax.sip.message.Response;

/**
 * Where the answers to one request go: straight back over the datagram socket it came in on, or
 * back over the connection it came in on.
 */
interface ResponseChannel {

  /** The response as it would be sent. */
  byte[] encode(Response response);

  /** Sends an encoded answer (again, for a retransmitted request). */
  void resend(byte[] encoded) throws IOException, ParseException;

  /** Sends the response; returns it encoded, so that a retransmission can be answered from it. */
  default byte[] send(Response response) throws IOException, ParseException {
    byte[] encoded = encode(response);
    resend(encoded);
    return encoded;
  }
}
