package io.voxhost.sip.transport;

import io.voxhost.platform.limits.SourceRateLimit;
import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.RedirectFailure;
import io.voxhost.sip.service.RedirectOutcome;
import io.voxhost.sip.service.Redirector;
import io.voxhost.sip.service.SipDomains;
import io.voxhost.sip.service.SipTenant;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.sip.address.SipURI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The one place where SIP requests meet the registrar and the redirect server, whichever way they
 * came: from {@link DatagramReception} for UDP, or from the JAIN-SIP stack through its {@link
 * StackListener} for TCP. Every request is answered statelessly. Redirects are answered on the
 * receiving thread; REGISTER goes to its {@link RegisterFlow}.
 */
final class SipRequestHandler {

  private static final Logger LOG = Logger.getLogger(SipRequestHandler.class);
  private static final Set<String> REDIRECTED =
      Set.of(
          Request.INVITE,
          Request.MESSAGE,
          Request.SUBSCRIBE,
          Request.NOTIFY,
          Request.REFER,
          Request.PUBLISH);

  private final RegisterFlow registers;
  private final SipResponses responses;
  private final Replies replies;
  private final SipDomains domains;
  private final Redirector redirector;
  private final DigestGate digest;
  private final boolean authInvite;
  private final SourceRateLimit rateLimit;
  private final SipMetrics metrics;

  /**
   * INVITE branches answered in the last 8 to 16 s, so that a CANCEL can be matched. A client
   * cancels only while it has no final answer, and ours goes out at once, so a CANCEL comes only
   * when a 302 was lost, within a few retransmissions. A chance collision of fingerprints would
   * answer a CANCEL 200 instead of 481, which changes nothing for a transaction already answered.
   */
  private final RecentFingerprints recentInvites = new RecentFingerprints(8_000, 200_000);

  SipRequestHandler(
      RegisterFlow registers,
      SipResponses responses,
      Replies replies,
      SipDomains domains,
      Redirector redirector,
      DigestGate digest,
      boolean authInvite,
      SourceRateLimit rateLimit,
      SipMetrics metrics) {
    this.registers = registers;
    this.responses = responses;
    this.replies = replies;
    this.domains = domains;
    this.redirector = redirector;
    this.digest = digest;
    this.authInvite = authInvite;
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
        case Request.OPTIONS -> send(channel, responses.options(request));
        case Request.CANCEL -> cancel(request, channel);
        case Request.REGISTER -> registers.accept(request, channel);
        default -> {
          if (SipRequests.inDialog(request)) {
            // A redirect server keeps no dialogs, so no in-dialog request can match one.
            send(
                channel,
                responses.create(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
          } else if (REDIRECTED.contains(method)) {
            redirect(request, channel);
          } else {
            send(channel, responses.methodNotAllowed(request));
          }
        }
      }
    } catch (Exception e) {
      LOG.warnf("Could not answer %s: %s", method, e.toString());
      LOG.debug("Failure detail", e);
    }
  }

  private void redirect(Request request, ResponseChannel channel) throws Exception {
    MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
    if (maxForwards != null && maxForwards.getMaxForwards() == 0) {
      send(channel, responses.refused(request, RedirectFailure.TOO_MANY_HOPS));
      return;
    }
    if (Request.INVITE.equals(request.getMethod())) {
      recentInvites.putIfAbsent(recentInvites.fingerprint(SipRequests.branch(request)), 1);
    }
    // Answered on the stack thread: everything it reads is in memory (a cache miss reads the
    // database once), and a hand-over to the workers would cost more than the answer itself.
    send(channel, answerRedirect(request));
  }

  private Response answerRedirect(Request request) throws Exception {
    SipURI target;
    try {
      target = SipRequests.target(request);
    } catch (BadRequest e) {
      return responses.create(request, Response.BAD_REQUEST, e.getMessage());
    }
    Instant now = Instant.now();
    if (authInvite) {
      Response refusal = authenticateCaller(request, now);
      if (refusal != null) {
        return refusal;
      }
    }
    Optional<SipTenant> tenant = domains.tenantOf(target.getHost());
    if (tenant.isEmpty()) {
      return responses.refused(request, RedirectFailure.DOMAIN_NOT_SERVED);
    }
    AddressOfRecord aor = SipRequests.aor(tenant.get().id(), target);
    RedirectOutcome outcome = redirector.redirect(aor, now);
    if (outcome instanceof RedirectOutcome.Moved moved) {
      return responses.moved(request, moved.contacts(), now);
    }
    if (outcome instanceof RedirectOutcome.Routed routed) {
      return responses.routed(request, routed.target());
    }
    return responses.refused(request, ((RedirectOutcome.Refused) outcome).failure());
  }

  /** With {@code auth-invite}, the caller (From) must prove to be a subscriber of its domain. */
  private Response authenticateCaller(Request request, Instant now) throws Exception {
    Optional<SipURI> from = SipRequests.from(request);
    if (from.isEmpty()) {
      return responses.refused(request, RedirectFailure.CALLER_NOT_A_SIP_USER);
    }
    Optional<SipTenant> tenant = domains.tenantOf(from.get().getHost());
    if (tenant.isEmpty()) {
      return responses.refused(request, RedirectFailure.CALLER_DOMAIN_NOT_SERVED);
    }
    return digest.refusal(request, tenant.get(), from.get().getUser(), now).orElse(null);
  }

  private void cancel(Request request, ResponseChannel channel) throws Exception {
    boolean known = recentInvites.contains(recentInvites.fingerprint(SipRequests.branch(request)));
    send(
        channel,
        known
            ? responses.create(request, Response.OK, null)
            : responses.create(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
  }

  private void send(ResponseChannel channel, Response response) throws Exception {
    replies.send(channel, response);
  }
}
