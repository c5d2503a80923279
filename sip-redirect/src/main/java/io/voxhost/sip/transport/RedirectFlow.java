package io.voxhost.sip.transport;

import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.RedirectFailure;
import io.voxhost.sip.service.RedirectOutcome;
import io.voxhost.sip.service.Redirector;
import io.voxhost.sip.service.SipClock;
import io.voxhost.sip.service.SipDomains;
import io.voxhost.sip.service.SipTenant;
import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Requests outside a dialog that are sent elsewhere: a 302 to the dial plan's target or to the
 * AOR's bindings, or the one answer of a {@link RedirectFailure}. Answered on the receiving thread:
 * everything it reads is in memory (a cache miss reads the database once), and a hand-over to the
 * workers would cost more than the answer itself.
 */
final class RedirectFlow {

  static final Set<String> METHODS =
      Set.of(
          Request.INVITE,
          Request.MESSAGE,
          Request.SUBSCRIBE,
          Request.NOTIFY,
          Request.REFER,
          Request.PUBLISH);

  private final SipDomains domains;
  private final Redirector redirector;
  private final DigestGate digest;
  private final boolean authInvite;
  private final SipClock clock;
  private final AnsweredInvites invites;
  private final SipResponses responses;
  private final Replies replies;

  /**
   * @param authInvite whether the caller (From) must prove to be a subscriber of its domain
   */
  RedirectFlow(
      SipDomains domains,
      Redirector redirector,
      DigestGate digest,
      boolean authInvite,
      SipClock clock,
      AnsweredInvites invites,
      SipResponses responses,
      Replies replies) {
    this.domains = domains;
    this.redirector = redirector;
    this.digest = digest;
    this.authInvite = authInvite;
    this.clock = clock;
    this.invites = invites;
    this.responses = responses;
    this.replies = replies;
  }

  void answer(Request request, ResponseChannel channel)
      throws IOException, ParseException, InvalidArgumentException {
    MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
    if (maxForwards != null && maxForwards.getMaxForwards() == 0) {
      replies.send(channel, responses.refused(request, RedirectFailure.TOO_MANY_HOPS));
      return;
    }
    if (Request.INVITE.equals(request.getMethod())) {
      invites.add(request);
    }
    replies.send(channel, decide(request));
  }

  private Response decide(Request request) throws ParseException, InvalidArgumentException {
    SipURI target;
    try {
      target = SipRequests.target(request);
    } catch (BadRequest e) {
      return responses.create(request, Response.BAD_REQUEST, e.getMessage());
    }
    Instant now = clock.now();
    if (authInvite) {
      Optional<Response> refusal = authenticateCaller(request, now);
      if (refusal.isPresent()) {
        return refusal.get();
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

  /** The caller is who From names, and a subscriber of From's domain. */
  private Optional<Response> authenticateCaller(Request request, Instant now)
      throws ParseException {
    Optional<SipURI> from = SipRequests.from(request);
    if (from.isEmpty()) {
      return Optional.of(responses.refused(request, RedirectFailure.CALLER_NOT_A_SIP_USER));
    }
    Optional<SipTenant> tenant = domains.tenantOf(from.get().getHost());
    if (tenant.isEmpty()) {
      return Optional.of(responses.refused(request, RedirectFailure.CALLER_DOMAIN_NOT_SERVED));
    }
    return digest.refusal(request, tenant.get(), from.get().getUser(), now);
  }
}
