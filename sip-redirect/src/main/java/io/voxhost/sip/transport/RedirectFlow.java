package io.voxhost.sip.transport;

import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.PeerDirectory;
import io.voxhost.sip.service.RedirectEvents;
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
import java.util.UUID;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * Requests outside a dialog that are sent elsewhere: a 302 to the dial plan's target or to the
 * AOR's bindings, or the one answer of a {@link RedirectFailure}.
 *
 * <p>Who may learn that answer: a trusted peer of the Request-URI's tenant ({@link PeerDirectory}),
 * or a caller that authenticated (digest, as its From user) as a subscriber of that same tenant.
 * Everyone else is challenged, and once authenticated elsewhere gets 404 User Not Found whoever the
 * request is for: the users of a tenant cannot be listed by asking (issue 14). Answered on the
 * receiving thread: everything it reads is in memory (a cache miss reads the database once), and a
 * hand-over to the workers would cost more than the answer itself.
 */
final class RedirectFlow {

  private static final Logger LOG = Logger.getLogger(RedirectFlow.class);

  static final Set<String> METHODS =
      Set.of(
          Request.INVITE,
          Request.MESSAGE,
          Request.SUBSCRIBE,
          Request.NOTIFY,
          Request.REFER,
          Request.PUBLISH);

  private final SipDomains domains;
  private final PeerDirectory peers;
  private final Redirector redirector;
  private final DigestGate digest;
  private final boolean authInvite;
  private final SipClock clock;
  private final AnsweredInvites invites;
  private final SipResponses responses;
  private final Replies replies;
  private final Optional<CallerNameDip> dip;
  private final RedirectEvents events;

  /**
   * Answers of the last 8 to 16 s, or of the last 32 MiB of them: a client sends an INVITE again
   * after 0.5, 1.5 and 3.5 s until its final answer comes, and an authenticated one must get that
   * answer again, not a fresh challenge for a nonce-count already used (RFC 3261 17.2.1).
   */
  private final RecentAnswers recent = new RecentAnswers(8_000, 200_000, 32 << 20);

  /**
   * @param authInvite whether a declared peer's callers must authenticate too (everyone else always
   *     must)
   * @param dip the caller-name dip, when this node takes dips ({@code voxhost.cnam.sip-user} on a
   *     node running the {@code cnam} role)
   */
  RedirectFlow(
      SipDomains domains,
      PeerDirectory peers,
      Redirector redirector,
      DigestGate digest,
      boolean authInvite,
      SipClock clock,
      AnsweredInvites invites,
      SipResponses responses,
      Replies replies,
      Optional<CallerNameDip> dip,
      RedirectEvents events) {
    this.domains = domains;
    this.peers = peers;
    this.redirector = redirector;
    this.digest = digest;
    this.authInvite = authInvite;
    this.clock = clock;
    this.invites = invites;
    this.responses = responses;
    this.replies = replies;
    this.dip = dip;
    this.events = events;
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
    // Scoped to the sender: a branch and Call-ID replayed from elsewhere is a new request.
    String key =
        SipRequests.source(request)
            + "|"
            + request.getMethod()
            + "|"
            + SipRequests.transactionKey(request);
    byte[] answered = recent.claim(key);
    if (answered != null) {
      if (answered.length > 0) {
        channel.resend(answered); // sent again: the same answer, its event told once
      }
      return; // still being answered: the answer goes out once
    }
    try {
      Response response = decide(request, channel, key);
      if (response == null) {
        return; // the dip answers, and remembers, by itself
      }
      // Remembered before it is sent: the sender may send again the moment it has the answer.
      byte[] encoded = channel.encode(response);
      recent.remember(key, encoded);
      replies.send(channel, response.getStatusCode(), encoded);
    } catch (IOException | ParseException | InvalidArgumentException | RuntimeException e) {
      recent.forget(key); // unanswered: a retransmission is a new try
      throw e;
    }
  }

  /**
   * The answer to send now; null when the caller-name dip answers (now or later) by itself, having
   * let go of the claim on {@code key}: the dip keeps the answers of its own.
   */
  private Response decide(Request request, ResponseChannel channel, String key)
      throws IOException, ParseException, InvalidArgumentException {
    SipURI target;
    try {
      target = SipRequests.target(request);
    } catch (BadRequest e) {
      return responses.create(request, Response.BAD_REQUEST, e.getMessage());
    }
    Instant now = clock.now();
    // Which domains we serve is no secret (they are in DNS); which users they have is.
    Optional<SipTenant> tenant = domains.tenantOf(target.getHost());
    if (tenant.isEmpty()) {
      return responses.refused(request, RedirectFailure.DOMAIN_NOT_SERVED);
    }
    boolean trusted = peers.trusts(tenant.get().id(), SipRequests.sourceAddress(request));
    if (!trusted || authInvite) {
      Caller caller = authenticateCaller(request, now);
      if (caller.refusal().isPresent()) {
        return caller.refusal().get();
      }
      if (!trusted && !caller.tenant().id().equals(tenant.get().id())) {
        // A subscriber of another tenant: the answer a user that does not exist gets, whoever
        // the Request-URI names, and without looking: no answer or timing tells them apart.
        return responses.refused(request, RedirectFailure.UNKNOWN_USER);
      }
    }
    if (dip.isPresent()
        && Request.INVITE.equals(request.getMethod())
        && dip.get().addressedTo(target)) {
      // Who may dip is who may be redirected: checked above, before anything is looked up. The
      // claim goes before the dip answers: its retransmission must reach the dip's own memory.
      recent.forget(key);
      return dip.get().answer(request, tenant.get().id(), trusted, channel);
    }
    AddressOfRecord aor = SipRequests.aor(tenant.get().id(), target);
    RedirectOutcome outcome = redirector.redirect(aor, now);
    Response response;
    if (outcome instanceof RedirectOutcome.Moved moved) {
      response = responses.moved(request, moved.contacts(), now);
    } else if (outcome instanceof RedirectOutcome.Routed routed) {
      response = responses.routed(request, routed.target());
    } else {
      response = responses.refused(request, ((RedirectOutcome.Refused) outcome).failure());
    }
    if (Request.INVITE.equals(request.getMethod())) {
      try {
        told(tenant.get().id(), request, target, response, now);
      } catch (RuntimeException e) {
        // The call is answered whatever becomes of its event.
        LOG.debugf("The answer to INVITE is not told: %s", e.toString());
      }
    }
    return response;
  }

  /** The tenant's call, as the cti role follows it: who called whom, and what we answered. */
  private void told(UUID tenant, Request request, SipURI target, Response response, Instant now) {
    CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
    // Our 3xx carry their Contact as built text, not a parsed header.
    Header contact = response.getHeader(ContactHeader.NAME);
    String caller = null;
    if (from != null) {
      caller =
          from.getAddress().getURI() instanceof SipURI uri && uri.getUser() != null
              ? uri.getUser()
              : from.getAddress().getURI().toString();
    }
    events.answered(
        tenant,
        now,
        callId == null ? null : callId.getCallId(),
        caller,
        target.getUser(),
        response.getStatusCode(),
        contact == null ? null : value(contact));
  }

  private static String value(Header header) {
    String line = header.toString().strip();
    int colon = line.indexOf(':');
    return colon < 0 ? line : line.substring(colon + 1).strip();
  }

  /** Who authenticated, or the answer that stops the request: never about the Request-URI. */
  private record Caller(SipTenant tenant, Optional<Response> refusal) {}

  /**
   * The caller is who From names, and a subscriber of From's domain. Every answer here depends on
   * From and the credentials alone, so it says nothing about the user the request is for.
   */
  private Caller authenticateCaller(Request request, Instant now) throws ParseException {
    Optional<SipURI> from = SipRequests.from(request);
    if (from.isEmpty()) {
      return new Caller(
          null, Optional.of(responses.refused(request, RedirectFailure.CALLER_NOT_A_SIP_USER)));
    }
    Optional<SipTenant> tenant = domains.tenantOf(from.get().getHost());
    if (tenant.isEmpty()) {
      return new Caller(
          null, Optional.of(responses.refused(request, RedirectFailure.CALLER_DOMAIN_NOT_SERVED)));
    }
    return new Caller(
        tenant.get(), digest.refusal(request, tenant.get(), from.get().getUser(), now));
  }
}
