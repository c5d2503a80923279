package io.voxhost.phones.service;

import io.voxhost.phones.codec.DialogRequest;
import io.voxhost.phones.codec.DigestAnswer;
import io.voxhost.phones.codec.DigestChallenge;
import io.voxhost.phones.codec.SipAnswer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One call a simulated phone places through the redirect server: INVITE it (answering its 401 with
 * digest), ACK its 302, INVITE the first contact the 302 names (the callee phone), ACK its 200,
 * hold, BYE. Every step's failure is counted by kind and ends the call.
 */
final class PlacedCall {

  /** A step that failed: its kind, as the report counts it. */
  static final class Failed extends RuntimeException {
    final String kind;

    Failed(String kind) {
      super(kind, null, false, false);
      this.kind = kind;
    }
  }

  /** The caller's side: who it is and where it sends from. */
  record Caller(
      String user,
      String authUser,
      String password,
      String domain,
      String contactUser,
      InetSocketAddress registrar,
      String userAgent) {}

  private final SipRequests sip;
  private final Caller caller;
  private final String callee;
  private final Duration hold;
  private final ScheduledExecutorService timers;
  private final Supplier<String> tokens;
  private final PhaseStats stats;
  private final Optional<CallMedia> media;
  private final String callId;
  private final String fromTag;
  private final long started = System.nanoTime();
  private long cseq;

  PlacedCall(
      SipRequests sip,
      Caller caller,
      String callee,
      Duration hold,
      ScheduledExecutorService timers,
      Supplier<String> tokens,
      PhaseStats stats,
      Optional<CallRecording> recording) {
    this.sip = sip;
    this.caller = caller;
    this.callee = callee;
    this.hold = hold;
    this.timers = timers;
    this.tokens = tokens;
    this.stats = stats;
    this.callId = tokens.get() + "@" + sip.host();
    this.fromTag = tokens.get();
    this.media =
        recording
            .filter(r -> ThreadLocalRandom.current().nextDouble() < r.plan().share())
            .map(r -> new CallMedia(r, stats, callId, sip.host(), callId.hashCode()));
  }

  /** Places the call; true when it was answered and hung up cleanly. */
  CompletableFuture<Boolean> run() {
    stats.placed(callId);
    String calleeUri = "sip:" + callee + "@" + caller.domain();
    return invite(calleeUri, caller.registrar(), Optional.empty())
        .thenCompose(r -> r.answer().status() == 401 ? challenged(calleeUri, r) : done(r))
        .thenCompose(this::redirected)
        .thenCompose(this::answered)
        .thenApply(
            v -> {
              stats.completed();
              return true;
            })
        .exceptionally(
            e -> {
              Throwable cause = e instanceof CompletionException ? e.getCause() : e;
              stats.failed(
                  cause instanceof Failed f
                      ? f.kind
                      : cause instanceof TimeoutException ? "call-timeout" : "call-error");
              return false;
            });
  }

  /** An INVITE sent and its final answer, with what its ACK needs. */
  private record Sent(DialogRequest request, InetSocketAddress to, SipAnswer answer) {}

  private CompletableFuture<Sent> challenged(String calleeUri, Sent first) {
    ackNon2xx(first);
    Optional<DigestChallenge> c =
        first.answer().challenges().stream()
            .map(DigestChallenge::parse)
            .flatMap(Optional::stream)
            .findFirst();
    if (c.isEmpty()) {
      return CompletableFuture.failedFuture(new Failed("call-401-unanswerable"));
    }
    String auth =
        DigestAnswer.authorization(
            c.get(), caller.authUser(), caller.password(), "INVITE", calleeUri, tokens.get(), 1);
    return invite(calleeUri, caller.registrar(), Optional.of(auth));
  }

  private CompletableFuture<Sent> redirected(Sent r) {
    int status = r.answer().status();
    if (status / 100 != 2) {
      ackNon2xx(r);
    }
    if (status != 302 || r.answer().contacts().isEmpty()) {
      return CompletableFuture.failedFuture(new Failed("redirect-" + status));
    }
    stats.redirected(System.nanoTime() - started);
    SipAnswer.Target target = r.answer().contacts().get(0);
    return invite(
        target.uri(), new InetSocketAddress(target.host(), target.port()), Optional.empty());
  }

  private CompletableFuture<Void> answered(Sent r) {
    int status = r.answer().status();
    if (status / 100 != 2) {
      ackNon2xx(r);
      return CompletableFuture.failedFuture(new Failed("callee-" + status));
    }
    stats.answered(System.nanoTime() - started);
    Optional<String> toTag = r.answer().toTag();
    // The 2xx's ACK is a request of its own (RFC 3261 section 13.2.2.4), to the callee's contact.
    sip.send(
        request("ACK", r.request().requestUri(), toTag, r.request().cseq(), Optional.empty())
            .text(),
        r.to());
    media.ifPresent(m -> m.start(caller.user(), callee));
    CompletableFuture<Void> hungUp = new CompletableFuture<>();
    timers.schedule(
        () -> {
          CompletableFuture<Void> mediaEnded =
              media
                  .map(m -> m.end(timers))
                  .orElseGet(() -> CompletableFuture.completedFuture(null));
          DialogRequest bye =
              request("BYE", r.request().requestUri(), toTag, ++cseq, Optional.empty());
          sip.request(bye.text(), bye.branch(), r.to())
              .whenComplete(
                  (a, e) ->
                      // The call's end waits for its media's: a session is stopped either way.
                      mediaEnded.whenComplete(
                          (v, x) -> {
                            if (e != null) {
                              hungUp.completeExceptionally(e);
                            } else if (a.status() / 100 != 2) {
                              hungUp.completeExceptionally(new Failed("bye-" + a.status()));
                            } else {
                              hungUp.complete(null);
                            }
                          }));
        },
        hold.toMillis(),
        TimeUnit.MILLISECONDS);
    return hungUp;
  }

  private CompletableFuture<Sent> invite(
      String requestUri, InetSocketAddress to, Optional<String> authorization) {
    DialogRequest invite = request("INVITE", requestUri, Optional.empty(), ++cseq, authorization);
    return sip.request(invite.text(), invite.branch(), to).thenApply(a -> new Sent(invite, to, a));
  }

  /** The ACK of a non-2xx final answer: the INVITE's branch and CSeq, the answer's To tag. */
  private void ackNon2xx(Sent r) {
    DialogRequest i = r.request();
    DialogRequest ack =
        new DialogRequest(
            "ACK",
            i.requestUri(),
            i.localHost(),
            i.localPort(),
            i.branch(),
            i.fromUser(),
            i.fromDomain(),
            i.fromTag(),
            i.toUser(),
            i.toDomain(),
            r.answer().toTag(),
            i.callId(),
            i.cseq(),
            i.contactUser(),
            i.userAgent(),
            Optional.empty(),
            0);
    sip.send(ack.text(), r.to());
  }

  private DialogRequest request(
      String method,
      String requestUri,
      Optional<String> toTag,
      long seq,
      Optional<String> authorization) {
    return new DialogRequest(
        method,
        requestUri,
        sip.host(),
        sip.port(),
        "z9hG4bK" + tokens.get(),
        caller.user(),
        caller.domain(),
        fromTag,
        callee,
        caller.domain(),
        toTag,
        callId,
        seq,
        caller.contactUser(),
        caller.userAgent(),
        authorization,
        // A port of the phone's media range: the SDP offer's; a recorded call's RTP goes to the
        // capture session, as a forking media server's would.
        16384 + 2 * (int) (seq % 1000));
  }

  private static CompletableFuture<Sent> done(Sent r) {
    return CompletableFuture.completedFuture(r);
  }
}
