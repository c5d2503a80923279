package io.voxhost.sip.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Response;

/**
 * Answers a request that came over a connection, statelessly through the JAIN-SIP provider, which
 * only takes messages: an answer sent again is parsed from its bytes first.
 */
record StackResponseChannel(SipProvider provider, SipResponses responses)
    implements ResponseChannel {

  @Override
  public byte[] encode(Response response) {
    return response.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void resend(byte[] encoded) throws IOException, ParseException {
    sendResponse(responses.parse(new String(encoded, StandardCharsets.UTF_8)));
  }

  @Override
  public byte[] send(Response response) throws IOException {
    sendResponse(response);
    return encode(response);
  }

  private void sendResponse(Response response) throws IOException {
    try {
      provider.sendResponse(response);
    } catch (SipException e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
