package io.voxhost.sip.transport;

import io.voxhost.platform.limits.SourceRateLimit;
import javax.sip.message.Request;
import org.jboss.logging.Logger;

/**
 * Where every SIP request arrives, whichever way it came: from a {@link MessageReception}, which
 * took it from a datagram or from a TCP or TLS connection. Drops what a source sends beyond its
 * rate, counts the rest and hands each to the flow of its method family. Every request is answered
 * statelessly; a flow that fails is logged here, once, for all of them.
 */
final class SipRequestHandler {

  private static final Logger LOG = Logger.getLogger(SipRequestHandler.class);

  private final RegisterFlow registers;
  private final RedirectFlow redirects;
  private final CancelFlow cancels;
  private final DialogFlow dialogs;
  private final CapabilitiesFlow capabilities;
  private final RequestScreen screen;
  private final SourceRateLimit rateLimit;
  private final SipMetrics metrics;

  SipRequestHandler(
      RegisterFlow registers,
      RedirectFlow redirects,
      CancelFlow cancels,
      DialogFlow dialogs,
      CapabilitiesFlow capabilities,
      RequestScreen screen,
      SourceRateLimit rateLimit,
      SipMetrics metrics) {
    this.registers = registers;
    this.redirects = redirects;
    this.cancels = cancels;
    this.dialogs = dialogs;
    this.capabilities = capabilities;
    this.screen = screen;
    this.rateLimit = rateLimit;
    this.metrics = metrics;
  }

  /** The flow REGISTERs go to. */
  RegisterFlow registers() {
    return registers;
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
      if (screen.refused(request, channel)) {
        return;
      }
      switch (method) {
        case Request.ACK -> dialogs.answer(request, channel);
        case Request.OPTIONS -> capabilities.options(request, channel);
        case Request.CANCEL -> cancels.answer(request, channel);
        case Request.REGISTER -> registers.accept(request, channel);
        default -> {
          // A To tag comes first: a re-INVITE is not redirected, it asks for a dialog we lack.
          if (SipRequests.inDialog(request)) {
            dialogs.answer(request, channel);
          } else if (RedirectFlow.METHODS.contains(method)) {
            redirects.answer(request, channel);
          } else {
            capabilities.notAllowed(request, channel);
          }
        }
      }
    } catch (Exception e) {
      LOG.warnf("Could not answer %s: %s", method, e.toString());
      LOG.debug("Failure detail", e);
    }
  }
}
