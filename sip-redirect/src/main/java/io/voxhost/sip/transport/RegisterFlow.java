package io.voxhost.sip.transport;

import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.sip.service.RegisterOutcome;
import io.voxhost.sip.service.RegisterRequest;
import io.voxhost.sip.service.RegistrarFailure;
import io.voxhost.sip.service.RegistrationService;
import io.voxhost.sip.service.SipClock;
import io.voxhost.sip.service.SipDomains;
import io.voxhost.sip.service.SipTenant;
import io.voxhost.sip.service.StagedChange;
import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * REGISTER (RFC 3261 10), answered statelessly yet as a server transaction would: a retransmission
 * gets the first answer again, and a 200 goes out only once its change is committed. The work runs
 * on the bounded worker pool, since it may wait for the database.
 */
final class RegisterFlow {

  private static final Logger LOG = Logger.getLogger(RegisterFlow.class);
  private static final int RETRY_AFTER_SECONDS = 5;

  /**
   * Answers to the REGISTERs of the last 8 to 16 s, or of the last 32 MiB of answers if that is
   * less (about 5 s at 10,000 REGISTER/s): a client retransmits after 0.5, 1.5 and 3.5 s, and a
   * later retransmission is handled as a new request.
   */
  private final RecentAnswers recent = new RecentAnswers(8_000, 200_000, 32 << 20);

  private final SipDomains domains;
  private final RegistrationService registrations;
  private final DigestGate digest;
  private final SipClock clock;
  private final ExecutorService workers;
  private final SipResponses responses;
  private final Replies replies;
  private final SipMetrics metrics;

  /**
   * The Flow-Timer of a REGISTER that opens an RFC 5626 flow over a connection: how often the phone
   * must send a keep-alive for its connection not to be closed as idle.
   */
  private final int flowTimerSeconds;

  RegisterFlow(
      SipDomains domains,
      RegistrationService registrations,
      DigestGate digest,
      SipClock clock,
      ExecutorService workers,
      SipResponses responses,
      Replies replies,
      SipMetrics metrics,
      int flowTimerSeconds) {
    this.flowTimerSeconds = flowTimerSeconds;
    this.domains = domains;
    this.registrations = registrations;
    this.digest = digest;
    this.clock = clock;
    this.workers = workers;
    this.responses = responses;
    this.replies = replies;
    this.metrics = metrics;
  }

  void accept(Request request, ResponseChannel channel)
      throws IOException, ParseException, InvalidArgumentException {
    String key = SipRequests.transactionKey(request);
    byte[] answered = recent.claim(key);
    if (answered != null) {
      if (answered.length > 0) {
        channel.resend(answered); // a retransmission: the same answer
      }
      return; // still being answered: the answer will go out once
    }
    RegisterReply reply = new RegisterReply(key, channel, recent, replies);
    try {
      workers.execute(() -> answerOnWorker(request, reply));
    } catch (RejectedExecutionException e) {
      reply.send(responses.retryLater(request, RETRY_AFTER_SECONDS));
    }
  }

  /**
   * A REGISTER that fails before it is answered answers 500: else the retransmission memory would
   * hold it as still pending and ignore the client's retries.
   */
  private void answerOnWorker(Request request, RegisterReply reply) {
    try {
      answer(request, reply);
    } catch (Exception e) {
      LOG.warnf("Failed to answer %s: %s", request.getMethod(), e.toString());
      LOG.debug("Failure detail", e);
      try {
        reply.send(responses.create(request, Response.SERVER_INTERNAL_ERROR, "Server Error"));
      } catch (Exception unanswerable) {
        metrics.unanswerable();
      }
    }
  }

  /**
   * Answers at once when the request is refused, else once the new bindings are durable. The answer
   * is made before that, on this worker, so that the one thread writing to the database only has to
   * send it.
   */
  private void answer(Request request, RegisterReply reply) throws Exception {
    SipURI to;
    try {
      to = SipRequests.target(request);
    } catch (BadRequest e) {
      reply.send(responses.create(request, Response.BAD_REQUEST, e.getMessage()));
      return;
    }
    Optional<SipTenant> tenant = domains.tenantOf(to.getHost());
    if (tenant.isEmpty()) {
      reply.send(responses.create(request, Response.FORBIDDEN, "Domain Not Served"));
      return;
    }
    Instant now = clock.now();
    if (tenant.get().registerAuth()) {
      Optional<Response> refusal = digest.refusal(request, tenant.get(), to.getUser(), now);
      if (refusal.isPresent()) {
        reply.send(refusal.get());
        return;
      }
    }
    RegisterRequest register;
    try {
      register = SipRequests.register(request, SipRequests.aor(tenant.get().id(), to), now);
    } catch (BadRequest e) {
      reply.send(responses.create(request, Response.BAD_REQUEST, e.getMessage()));
      return;
    }
    StagedChange change = registrations.register(register);
    Response response = response(request, change.outcome(), now);
    byte[] encoded = reply.encode(response);
    change
        .durable()
        .whenComplete(
            (done, failure) -> {
              try {
                if (failure == null) {
                  reply.send(response.getStatusCode(), encoded);
                } else {
                  reply.send(storeFailure(request, failure));
                }
              } catch (Exception e) {
                LOG.debugf("Could not answer REGISTER: %s", e.toString());
              }
            });
  }

  /**
   * Takes REGISTERs for AORs of {@code tenant}, which is no tenant, through the registrar, a
   * rolled-back write and the answers, which are encoded by {@code channel} and dropped: the
   * warm-up's way through what {@link #answer} does once a tenant is known. The AORs must differ.
   */
  void rehearse(List<Request> requests, UUID tenant, ResponseChannel channel) throws Exception {
    Instant now = clock.now();
    List<RegisterRequest> registers = new ArrayList<>(requests.size());
    for (Request request : requests) {
      registers.add(
          SipRequests.register(request, SipRequests.aor(tenant, SipRequests.target(request)), now));
    }
    List<RegisterOutcome> outcomes = registrations.rehearse(registers);
    for (int i = 0; i < outcomes.size(); i++) {
      channel.encode(response(requests.get(i), outcomes.get(i), now));
    }
  }

  private Response response(Request request, RegisterOutcome outcome, Instant now)
      throws ParseException, InvalidArgumentException {
    if (outcome instanceof RegisterOutcome.Registered registered) {
      Response ok = responses.registered(request, registered.bindings(), now);
      if (SipRequests.opensOutboundFlow(request)) {
        responses.outboundFlow(ok, flowTimerSeconds);
      }
      return ok;
    }
    RegisterOutcome.Refused refused = (RegisterOutcome.Refused) outcome;
    RegistrarFailure failure = refused.failure();
    if (failure == RegistrarFailure.INTERVAL_TOO_BRIEF) {
      return responses.intervalTooBrief(request, failure.reason(), refused.minExpires());
    }
    return responses.create(request, failure.status(), failure.reason());
  }

  /** The binding could not be made durable: 503 with Retry-After when retrying soon may help. */
  private Response storeFailure(Request request, Throwable failure)
      throws ParseException, InvalidArgumentException {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof RejectedExecutionException || DatabaseFailure.isOutage(cause)) {
      // A full write queue or an absent database: the phone is told when to try again rather
      // than left to retransmit into silence.
      return responses.retryLater(request, RETRY_AFTER_SECONDS);
    }
    return responses.create(request, Response.SERVER_INTERNAL_ERROR, "Location Store Unavailable");
  }
}
