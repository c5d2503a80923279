package io.voxhost.sip.transport;

import io.voxhost.platform.limits.SourceRateLimit;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The one place where SIP requests meet the registrar and the redirect server, whichever way they
 * came: from {@link DatagramReception} for UDP, or from the JAIN-SIP stack through its {@link
 * StackListener} for TCP. Every request is answered statelessly, by the flow of its method.
 */
final class SipRequestHandler {

  private static final Logger LOG = Logger.getLogger(SipRequestHandler.class);

  private final RegisterFlow registers;
  private final RedirectFlow redirects;
  private final CancelFlow cancels;
  private final SipResponses responses;
  private final Replies replies;
  private final SourceRateLimit rateLimit;
  private final SipMetrics metrics;

  SipRequestHandler(
      RegisterFlow registers,
      RedirectFlow redirects,
      CancelFlow cancels,
      SipResponses responses,
      Replies replies,
      SourceRateLimit rateLimit,
      SipMetrics metrics) {
    this.registers = registers;
    this.redirects = redirects;
    this.cancels = cancels;
    this.responses = responses;
    this.replies = replies;
    this.rateLimit = rateLimit;
    this.metrics = metrics;
  }

  /** Answers one request over {@code channel}. */
  void handle(Request request, ResponseChannel channel) {
    String method = request.getMethod();
    if (!rateLimit.allow(SipRequests.sourceHost(request))) {
      metrics.rateLimited();
      return;
    }
    metrics.request(method);
    try {
      switch (method) {
        case Request.ACK -> {
          // The ACK to our 302 ends its transaction: nothing to answer.
        }
        case Request.OPTIONS -> replies.send(channel, responses.options(request));
        case Request.CANCEL -> cancels.answer(request, channel);
        case Request.REGISTER -> registers.accept(request, channel);
        default -> {
          if (SipRequests.inDialog(request)) {
            // A redirect server keeps no dialogs, so no in-dialog request can match one.
            replies.send(
                channel,
                responses.create(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
          } else if (RedirectFlow.METHODS.contains(method)) {
            redirects.answer(request, channel);
          } else {
            replies.send(channel, responses.methodNotAllowed(request));
          }
        }
      }
    } catch (Exception e) {
      LOG.warnf("Could not answer %s: %s", method, e.toString());
      LOG.debug("Failure detail", e);
    }
  }
}
