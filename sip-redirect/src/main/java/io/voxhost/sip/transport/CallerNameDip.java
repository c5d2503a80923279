package io.voxhost.sip.transport;

import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.platform.service.InvalidInput;
import java.io.IOException;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.InvalidArgumentException;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.ExtensionHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderAddress;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.jboss.logging.Logger;

/**
 * The caller-name dip over SIP: an INVITE to {@code sip:<voxhost.cnam.sip-user>@<domain>} asks the
 * name of its own caller, and a proxy (Kamailio, FreeSWITCH) that got the 302 sets it as the From
 * display name before it sends the call on. The caller is the {@code P-Asserted-Identity} of a
 * trusted peer (RFC 3325 trusts it only inside the trust domain), else {@code From}.
 *
 * <ul>
 *   <li>a name: {@code 302 Moved Temporarily} with {@code Contact: "Name" <caller>} and {@code
 *       P-Asserted-Identity: "Name" <caller>};
 *   <li>no name: {@code 404 No Caller Name}; a caller that is no number: {@code 404 Caller Is Not A
 *       Number} (the request is well formed: nothing is wrong with its syntax, there is just no
 *       name to give, so not 400; and not 484, which asks for more digits of the Request-URI).
 * </ul>
 *
 * <p>Who may dip is decided before, by {@link RedirectFlow}, as for every redirect. An answer
 * memory gives goes out at once on the receiving thread; otherwise the lookup (within the cnam
 * budget) completes on the SIP workers, and a full worker queue answers 503 with Retry-After as a
 * REGISTER would. The datagram path keeps no transactions, so the dip remembers its answers as a
 * server transaction would: a retransmission that arrives while its lookup runs is absorbed, and
 * one that arrives after it gets the same bytes again; neither looks anything up.
 */
final class CallerNameDip {

  private static final Logger LOG = Logger.getLogger(CallerNameDip.class);
  private static final int RETRY_AFTER_SECONDS = 5;
  static final String NO_NAME = "No Caller Name";
  static final String NOT_A_NUMBER = "Caller Is Not A Number";
  static final String P_ASSERTED_IDENTITY = "P-Asserted-Identity";

  private final CallerNames names;
  private final String user;
  private final Executor workers;
  private final SipResponses responses;
  private final Replies replies;
  private final SipMetrics metrics;

  /**
   * Answers of the last 8 to 16 s, or of the last 4 MiB of them (some 10,000 answers): a client
   * retransmits an INVITE after 0.5, 1.5 and 3.5 s, and the lookup ends within the budget (under a
   * second), so a retransmission finds its answer here or still pending.
   */
  private final RecentAnswers recent = new RecentAnswers(8_000, 50_000, 4 << 20);

  CallerNameDip(
      CallerNames names,
      String user,
      Executor workers,
      SipResponses responses,
      Replies replies,
      SipMetrics metrics) {
    this.names = names;
    this.user = user;
    this.workers = workers;
    this.responses = responses;
    this.replies = replies;
    this.metrics = metrics;
  }

  /** Whether the request is a dip: its Request-URI's user is the dip user (case matters). */
  boolean addressedTo(SipURI target) {
    return user.equals(target.getUser());
  }

  /**
   * Answers a dip of {@code tenant}, now or once its lookup ends; always returns null (the dip
   * sends its own answers, remembered for retransmissions).
   *
   * @param trusted whether the request came from a trusted peer of the tenant
   */
  Response answer(Request request, UUID tenant, boolean trusted, ResponseChannel channel)
      throws IOException, ParseException, InvalidArgumentException {
    // Scoped to the tenant and the sender: a replayed branch and Call-ID from elsewhere never
    // gets another tenant's stored answer.
    String key =
        tenant + "|" + SipRequests.source(request) + "|" + SipRequests.transactionKey(request);
    byte[] answered = recent.claim(key);
    if (answered != null) {
      if (answered.length > 0) {
        channel.resend(answered); // a retransmission of a dip answered: the same answer
      }
      return null; // still being looked up: the answer goes out once
    }
    try {
      Optional<URI> caller = caller(request, trusted);
      Optional<String> number = caller.flatMap(CallerNameDip::number);
      if (number.isEmpty()) {
        sendNow(key, channel, responses.create(request, Response.NOT_FOUND, NOT_A_NUMBER));
        return null;
      }
      Optional<CallerName> known = names.inMemory(tenant, number.get());
      if (known.isPresent()) {
        sendNow(key, channel, response(request, caller.get(), known.get()));
        return null;
      }
      CompletionStage<CallerName> lookup;
      try {
        lookup = names.lookup(tenant, number.get());
      } catch (InvalidInput e) {
        lookup = CompletableFuture.failedFuture(e);
      }
      CompletableFuture<CallerName> pending = lookup.toCompletableFuture();
      if (pending.isDone()) {
        sendNow(key, channel, outcome(request, caller.get(), pending));
      } else {
        pending.whenComplete(
            (found, failure) -> answerLater(request, caller.get(), pending, key, channel));
      }
      return null;
    } catch (IOException | ParseException | RuntimeException e) {
      recent.forget(key); // unanswered: a retransmission is a new try
      throw e;
    }
  }

  /** Sends an answer made on this thread, remembered for the request's retransmissions. */
  private void sendNow(String key, ResponseChannel channel, Response response)
      throws IOException, ParseException {
    byte[] encoded = channel.encode(response);
    recent.remember(key, encoded);
    replies.send(channel, response.getStatusCode(), encoded);
  }

  /** Hands the finished lookup to a worker to answer; a full queue answers 503 from here. */
  private void answerLater(
      Request request,
      URI caller,
      CompletableFuture<CallerName> done,
      String key,
      ResponseChannel channel) {
    try {
      workers.execute(() -> send(key, channel, () -> outcome(request, caller, done)));
    } catch (RejectedExecutionException e) {
      send(key, channel, () -> responses.retryLater(request, RETRY_AFTER_SECONDS));
    }
  }

  /** An answer made where it is sent. */
  private interface Answer {
    Response make() throws Exception;
  }

  /** Sends an answer made on a worker (or the 503 of a full queue); a failure is counted. */
  private void send(String key, ResponseChannel channel, Answer answer) {
    try {
      sendNow(key, channel, answer.make());
    } catch (Exception e) {
      LOG.debugf("Could not answer a caller-name dip: %s", e.toString());
      recent.forget(key); // a retransmission is then asked afresh, not absorbed
      metrics.unanswerable();
    }
  }

  private Response outcome(Request request, URI caller, CompletableFuture<CallerName> done)
      throws ParseException {
    try {
      return response(request, caller, done.join());
    } catch (CompletionException e) {
      if (e.getCause() instanceof InvalidInput) {
        return responses.create(request, Response.NOT_FOUND, NOT_A_NUMBER);
      }
      LOG.debugf("Caller-name lookup failed: %s", e.getCause());
      return responses.create(request, Response.NOT_FOUND, NO_NAME);
    }
  }

  private Response response(Request request, URI caller, CallerName found) throws ParseException {
    return found.name() == null
        ? responses.create(request, Response.NOT_FOUND, NO_NAME)
        : responses.callerNamed(request, caller, found.name());
  }

  /**
   * Who the dip is about: the first {@code P-Asserted-Identity} value when a trusted peer sent it,
   * else the From URI. Anyone else's PAI is ignored: outside the trust domain it is only a claim.
   */
  Optional<URI> caller(Request request, boolean trusted) {
    if (trusted) {
      Optional<URI> asserted = assertedIdentity(request.getHeader(P_ASSERTED_IDENTITY));
      if (asserted.isPresent()) {
        return asserted;
      }
    }
    FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
    return from == null ? Optional.empty() : Optional.of(from.getAddress().getURI());
  }

  /** The URI of a PAI header, parsed by the stack or kept as text by our parser. */
  private Optional<URI> assertedIdentity(Header header) {
    if (header instanceof HeaderAddress parsed) {
      return Optional.of(parsed.getAddress().getURI());
    }
    if (header instanceof ExtensionHeader raw) {
      try {
        return Optional.of(responses.address(firstValue(raw.getValue())).getURI());
      } catch (ParseException e) {
        return Optional.empty(); // a broken assertion asserts nothing: From it is
      }
    }
    return Optional.empty();
  }

  /** The first of a header's comma-separated values (RFC 3325 allows a sip and a tel one). */
  static String firstValue(String value) {
    List<Integer> commas = StrictSyntax.topLevelCommas(value);
    return (commas.isEmpty() ? value : value.substring(0, commas.get(0))).strip();
  }

  /** The number a caller URI names: a SIP URI's user part, or a tel URI's number. */
  private static Optional<String> number(URI uri) {
    if (uri instanceof SipURI sip) {
      return Optional.ofNullable(sip.getUser()).filter(u -> !u.isEmpty());
    }
    if (uri instanceof TelURL tel) {
      String digits = tel.getPhoneNumber();
      return digits == null || digits.isEmpty()
          ? Optional.empty()
          : Optional.of(tel.isGlobal() ? "+" + digits : digits);
    }
    return Optional.empty();
  }
}
