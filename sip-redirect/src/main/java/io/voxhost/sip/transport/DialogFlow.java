package io.voxhost.sip.transport;

import java.io.IOException;
import java.text.ParseException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Requests within a dialog, which a redirect server never has: the ACK to our 302 ends its INVITE
 * transaction and gets no answer (RFC 3261 17.2.1), and any other request with a To tag can match
 * no dialog here, so it gets 481.
 */
final class DialogFlow {

  private final SipResponses responses;
  private final Replies replies;

  DialogFlow(SipResponses responses, Replies replies) {
    this.responses = responses;
    this.replies = replies;
  }

  void answer(Request request, ResponseChannel channel) throws IOException, ParseException {
    if (Request.ACK.equals(request.getMethod())) {
      return;
    }
    replies.send(
        channel, responses.create(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
  }
}
