package io.voxhost.sip.transport;

import io.voxhost.platform.limits.SourceRateLimit;
import io.voxhost.sip.service.AddressOfRecord;
import io.voxhost.sip.service.AuthDecision;
import io.voxhost.sip.service.AuthenticationService;
import io.voxhost.sip.service.RedirectFailure;
import io.voxhost.sip.service.RedirectOutcome;
import io.voxhost.sip.service.Redirector;
import io.voxhost.sip.service.RegisterOutcome;
import io.voxhost.sip.service.RegisterRequest;
import io.voxhost.sip.service.RegistrarFailure;
import io.voxhost.sip.service.RegistrationService;
import io.voxhost.sip.service.SipDomains;
import io.voxhost.sip.service.SipTenant;
import io.voxhost.sip.service.StagedChange;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The one place where SIP requests meet the registrar and the redirect server, whichever way they
 * came: from {@link DatagramReception} for UDP, or from the JAIN-SIP stack through its {@link
 * StackListener} for TCP. Every request is answered statelessly. Redirects are answered on the
 * receiving thread; REGISTER, which may wait for the database, runs on the bounded worker pool, and
 * a retransmitted one gets the answer remembered for it.
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
  private static final int RETRY_AFTER_SECONDS = 5;

  private final SipResponses responses;
  private final SipDomains domains;
  private final RegistrationService registrations;
  private final Redirector redirector;
  private final AuthenticationService authentication;
  private final boolean authInvite;
  private final ExecutorService workers;
  private final SourceRateLimit rateLimit;
  private final SipMetrics metrics;

  /**
   * INVITE branches answered in the last 8 to 16 s, so that a CANCEL can be matched. A client
   * cancels only while it has no final answer, and ours goes out at once, so a CANCEL comes only
   * when a 302 was lost, within a few retransmissions. A chance collision of fingerprints would
   * answer a CANCEL 200 instead of 481, which changes nothing for a transaction already answered.
   */
  private final RecentFingerprints recentInvites = new RecentFingerprints(8_000, 200_000);

  /**
   * Answers to the REGISTERs of the last 8 to 16 s, or of the last 32 MiB of answers if that is
   * less (about 5 s at 10,000 REGISTER/s): a client retransmits after 0.5, 1.5 and 3.5 s, and a
   * later retransmission is handled as a new request.
   */
  private final RegisterAnswers recentRegisters = new RegisterAnswers(8_000, 200_000, 32 << 20);

  SipRequestHandler(
      SipResponses responses,
      SipDomains domains,
      RegistrationService registrations,
      Redirector redirector,
      AuthenticationService authentication,
      boolean authInvite,
      ExecutorService workers,
      SourceRateLimit rateLimit,
      SipMetrics metrics) {
    this.responses = responses;
    this.domains = domains;
    this.registrations = registrations;
    this.redirector = redirector;
    this.authentication = authentication;
    this.authInvite = authInvite;
    this.workers = workers;
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
        case Request.REGISTER -> register(request, channel);
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

  private void register(Request request, ResponseChannel channel) throws Exception {
    String key = registerKey(request);
    byte[] answered = recentRegisters.claim(key);
    if (answered != null) {
      if (answered.length > 0) {
        channel.resend(answered); // a retransmission: the same answer
      }
      return; // still being answered: the answer will go out once
    }
    RegisterAnswer answer = new RegisterAnswer(key, channel);
    submit(request, () -> answerRegister(request, answer), answer::send);
  }

  /** The one answer to a REGISTER, remembered as sent for its retransmissions. */
  private final class RegisterAnswer {
    private final String key;
    private final ResponseChannel channel;

    RegisterAnswer(String key, ResponseChannel channel) {
      this.key = key;
      this.channel = channel;
    }

    void send(Response response) throws Exception {
      sendEncoded(response.getStatusCode(), channel.encode(response));
    }

    void sendEncoded(int status, byte[] encoded) throws Exception {
      recentRegisters.remember(key, encoded);
      metrics.response(status);
      channel.resend(encoded);
    }
  }

  private static String registerKey(Request request) {
    CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
    return branch(request)
        + '|'
        + (callId == null ? "" : callId.getCallId())
        + '|'
        + (cseq == null ? "" : cseq.getSeqNumber());
  }

  /**
   * Answers at once when the request is refused, else once the new bindings are durable. The answer
   * is made before that, on this worker, so that the one thread writing to the database only has to
   * send it.
   */
  private void answerRegister(Request request, RegisterAnswer tx) throws Exception {
    SipURI to;
    try {
      to = SipRequests.target(request);
    } catch (BadRequest e) {
      tx.send(responses.create(request, Response.BAD_REQUEST, e.getMessage()));
      return;
    }
    Optional<SipTenant> tenant = domains.tenantOf(to.getHost());
    if (tenant.isEmpty()) {
      tx.send(responses.create(request, Response.FORBIDDEN, "Domain Not Served"));
      return;
    }
    Instant now = Instant.now();
    if (tenant.get().registerAuth()) {
      Response refusal = authenticate(request, tenant.get(), to.getUser(), now);
      if (refusal != null) {
        tx.send(refusal);
        return;
      }
    }
    RegisterRequest register;
    try {
      register = SipRequests.register(request, SipRequests.aor(tenant.get().id(), to), now);
    } catch (BadRequest e) {
      tx.send(responses.create(request, Response.BAD_REQUEST, e.getMessage()));
      return;
    }
    StagedChange change = registrations.register(register);
    Response response = registerResponse(request, change.outcome(), now);
    byte[] encoded = tx.channel.encode(response);
    change
        .durable()
        .whenComplete(
            (done, failure) -> {
              try {
                if (failure == null) {
                  tx.sendEncoded(response.getStatusCode(), encoded);
                } else {
                  tx.send(storeFailure(request, failure));
                }
              } catch (Exception e) {
                LOG.debugf("Could not answer REGISTER: %s", e.toString());
              }
            });
  }

  private Response registerResponse(Request request, RegisterOutcome outcome, Instant now)
      throws Exception {
    if (outcome instanceof RegisterOutcome.Registered registered) {
      return responses.registered(request, registered.bindings(), now);
    }
    RegisterOutcome.Refused refused = (RegisterOutcome.Refused) outcome;
    RegistrarFailure failure = refused.failure();
    if (failure == RegistrarFailure.INTERVAL_TOO_BRIEF) {
      return responses.intervalTooBrief(request, failure.reason(), refused.minExpires());
    }
    return responses.create(request, failure.status(), failure.reason());
  }

  /** The binding could not be made durable: a full write queue is worth retrying soon. */
  private Response storeFailure(Request request, Throwable failure) throws Exception {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof RejectedExecutionException) {
      return responses.retryLater(request, RETRY_AFTER_SECONDS);
    }
    return responses.create(request, Response.SERVER_INTERNAL_ERROR, "Location Store Unavailable");
  }

  private void redirect(Request request, ResponseChannel channel) throws Exception {
    MaxForwardsHeader maxForwards = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
    if (maxForwards != null && maxForwards.getMaxForwards() == 0) {
      send(channel, responses.refused(request, RedirectFailure.TOO_MANY_HOPS));
      return;
    }
    if (Request.INVITE.equals(request.getMethod())) {
      recentInvites.putIfAbsent(recentInvites.fingerprint(branch(request)), 1);
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
    return authenticate(request, tenant.get(), from.get().getUser(), now);
  }

  /** Null when the request may go on; else the 401 or 403 to send. */
  private Response authenticate(Request request, SipTenant tenant, String identity, Instant now)
      throws Exception {
    AuthDecision decision =
        authentication.check(
            tenant,
            identity,
            SipRequests.credentials(request, tenant.domain()),
            request.getMethod(),
            SipRequests.sourceHost(request),
            SipRequests.userAgent(request),
            now);
    if (decision instanceof AuthDecision.Challenge c) {
      return responses.challenge(request, c.realm(), c.nonce(), c.stale(), c.algorithms());
    }
    if (decision instanceof AuthDecision.Refused r) {
      return responses.create(request, Response.FORBIDDEN, r.reason());
    }
    return null;
  }

  private void cancel(Request request, ResponseChannel channel) throws Exception {
    boolean known = recentInvites.contains(recentInvites.fingerprint(branch(request)));
    send(
        channel,
        known
            ? responses.create(request, Response.OK, null)
            : responses.create(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null));
  }

  /**
   * Runs {@code work} on a worker; a full queue answers 503 with Retry-After at once, and work that
   * fails before answering answers 500 (else the retransmission memory would hold the request as
   * still pending and ignore the client's retries).
   */
  private void submit(Request request, Work work, ResponseSender sender) throws Exception {
    try {
      workers.execute(
          () -> {
            try {
              work.run();
            } catch (Exception e) {
              LOG.warnf("Failed to answer %s: %s", request.getMethod(), e.toString());
              LOG.debug("Failure detail", e);
              try {
                sender.send(
                    responses.create(request, Response.SERVER_INTERNAL_ERROR, "Server Error"));
              } catch (Exception unanswerable) {
                metrics.unanswerable();
              }
            }
          });
    } catch (RejectedExecutionException e) {
      sender.send(responses.retryLater(request, RETRY_AFTER_SECONDS));
    }
  }

  private byte[] send(ResponseChannel channel, Response response) throws Exception {
    metrics.response(response.getStatusCode());
    return channel.send(response);
  }

  private static String branch(Request request) {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    String branch = via == null ? null : via.getBranch();
    return branch == null ? "" : branch;
  }

  @FunctionalInterface
  private interface Work {
    void run() throws Exception;
  }

  @FunctionalInterface
  private interface ResponseSender {
    void send(Response response) throws Exception;
  }
}
