package io.voxhost.sip.transport;

import java.io.IOException;
import java.text.ParseException;
import javax.sip.message.Request;

/**
 * What this server can do, told two ways: OPTIONS gets 200 with Allow, Accept and Supported, and a
 * method it does not handle gets 405 with the same Allow (RFC 3261 11 and 21.4.6). One class, so
 * that a method served or dropped changes both answers together.
 */
final class CapabilitiesFlow {

  private final SipResponses responses;
  private final Replies replies;

  CapabilitiesFlow(SipResponses responses, Replies replies) {
    this.responses = responses;
    this.replies = replies;
  }

  void options(Request request, ResponseChannel channel) throws IOException, ParseException {
    replies.send(channel, responses.options(request));
  }

  void notAllowed(Request request, ResponseChannel channel) throws IOException, ParseException {
    replies.send(channel, responses.methodNotAllowed(request));
  }
}
