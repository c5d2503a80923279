package io.voxhost.sip.transport;

import java.io.IOException;
import java.text.ParseException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * CANCEL (RFC 3261 9.2): 200 when it matches an INVITE answered here lately, else 481. Our final
 * answer to an INVITE goes out at once, so there is never anything left to cancel; the CANCEL only
 * needs to hear whether its INVITE was known.
 */
final class CancelFlow {

  private final AnsweredInvites invites;
  private final SipResponses responses;
  private final Replies replies;

  CancelFlow(AnsweredInvites invites, SipResponses responses, Replies replies) {
    this.invites = invites;
    this.responses = responses;
    this.replies = replies;
  }

  void answer(Request cancel, ResponseChannel channel) throws IOException, ParseException {
    int status =
        invites.matches(cancel) ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST;
    replies.send(channel, responses.create(cancel, status, null));
  }
}
