package io.voxhost.phones.service;

import io.voxhost.phones.codec.DialogRequest;
import io.voxhost.phones.codec.DigestAnswer;
import io.voxhost.phones.codec.DigestChallenge;
import io.voxhost.phones.codec.PhoneConfig;
import io.voxhost.phones.codec.PhoneModel;
import io.voxhost.phones.codec.Register;
import io.voxhost.phones.codec.SipAnswer;
import io.voxhost.phones.codec.SipIncoming;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One simulated phone of a maker's model: at boot it fetches its files, reads its lines, registers
 * each with digest (one REGISTER at a time), and registers again at a random point between 80 and
 * 100 % of the expiry the registrar granted, as real phones spread their refreshes. It places calls
 * from its first line ({@link PlacedCall}) and answers the calls that reach its contacts.
 */
final class Phone {

  /** A failed registration is tried again after this, as Yealink's default retry timer. */
  static final int RETRY_SECONDS = 30;

  private final String mac;
  private final PhoneModel model;
  private final Optional<Handset.Login> login;
  private final FleetOptions options;
  private final SipRequests sip;
  private final FileSource files;
  private final Executor fetchPool;
  private final ScheduledExecutorService timers;
  private final Supplier<PhaseStats> phase;
  private final Random random;
  private final List<LineState> lines = new ArrayList<>();

  private final class LineState {
    final PhoneConfig.Line line;
    final String contactUser;
    final String callId;
    final String fromTag;
    final InetSocketAddress target;
    long cseq;
    int nc;
    ScheduledFuture<?> refresh;

    /** The registration in flight: the next waits for it, as a phone sends one at a time. */
    CompletableFuture<Boolean> inFlight = CompletableFuture.completedFuture(true);

    LineState(PhoneConfig.Line line) {
      this.line = line;
      this.contactUser = mac.replace(":", "") + "-" + line.number();
      this.callId = token() + "@" + sip.host();
      this.fromTag = token();
      this.target =
          options.sipTarget().orElseGet(() -> new InetSocketAddress(line.server(), line.port()));
      sip.listen(contactUser, Phone.this::incoming);
    }
  }

  /** A call this phone answered: its To tag, its 200 (sent again until the ACK), and the timer. */
  private static final class Answered {
    final String okText;
    final InetSocketAddress to;
    volatile boolean acked;
    volatile ScheduledFuture<?> resend;

    Answered(String okText, InetSocketAddress to) {
      this.okText = okText;
      this.to = to;
    }
  }

  private final Map<String, Answered> answered = new ConcurrentHashMap<>();

  Phone(
      Handset handset,
      FleetOptions options,
      SipRequests sip,
      FileSource files,
      Executor fetchPool,
      ScheduledExecutorService timers,
      Supplier<PhaseStats> phase,
      long seed) {
    this.mac = handset.mac();
    this.model = handset.model();
    this.login = handset.login();
    this.options = options;
    this.sip = sip;
    this.files = files;
    this.fetchPool = fetchPool;
    this.timers = timers;
    this.phase = phase;
    this.random = new Random(seed);
  }

  String mac() {
    return mac;
  }

  /** The file this phone asks for first, by its maker's naming. */
  String fileName() {
    return model.vendor().firstFile(mac, model.name());
  }

  String userAgent() {
    return model.vendor().userAgent(mac, model.name());
  }

  /** Fetches, reads and registers; true when every line registered. */
  CompletableFuture<Boolean> boot(PhaseStats stats) {
    return CompletableFuture.supplyAsync(() -> lines(stats), fetchPool)
        .thenCompose(
            read -> {
              if (read.isEmpty()) {
                stats.failed("config-no-line");
                return CompletableFuture.completedFuture(false);
              }
              synchronized (lines) {
                cancelRefreshes();
                lines.clear();
                read.forEach(l -> lines.add(new LineState(l)));
              }
              return registerAll(stats);
            })
        .exceptionally(
            e -> {
              stats.failed(fetchFailure(e instanceof CompletionException ? e.getCause() : e));
              return false;
            });
  }

  /** Registers every line now; true when all did. */
  CompletableFuture<Boolean> registerAll(PhaseStats stats) {
    List<LineState> now;
    synchronized (lines) {
      now = List.copyOf(lines);
    }
    List<CompletableFuture<Boolean>> each = new ArrayList<>();
    for (LineState l : now) {
      each.add(register(l, stats));
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(v -> !now.isEmpty() && each.stream().allMatch(CompletableFuture::join));
  }

  /** The user others call this phone by (its first line's), once it has read its file. */
  Optional<String> user() {
    synchronized (lines) {
      return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).line.user());
    }
  }

  /** Calls {@code callee} from the first line, holds for {@code hold}, hangs up. */
  CompletableFuture<Boolean> call(
      String callee, Duration hold, PhaseStats stats, Optional<CallRecording> recording) {
    LineState l;
    synchronized (lines) {
      l = lines.isEmpty() ? null : lines.get(0);
    }
    if (l == null) {
      stats.failed("call-not-booted");
      return CompletableFuture.completedFuture(false);
    }
    PlacedCall.Caller caller =
        new PlacedCall.Caller(
            l.line.user(),
            l.line.authUser(),
            l.line.password(),
            l.line.domain(),
            l.contactUser,
            l.target,
            userAgent());
    return new PlacedCall(sip, caller, callee, hold, timers, this::token, stats, recording).run();
  }

  /** A request to one of this phone's contacts: it answers calls at once, and their BYEs. */
  private void incoming(SipIncoming in) {
    switch (in.method()) {
      case "INVITE" -> {
        Answered a = answered.get(in.callId());
        if (a != null) {
          sip.send(a.okText, in.source()); // the INVITE again: our 200 was lost
          return;
        }
        String toTag = token();
        String contact = "sip:" + in.requestUser() + "@" + sip.host() + ":" + sip.port();
        sip.send(in.response(180, "Ringing", toTag, contact, null), in.source());
        String ok =
            in.response(
                200,
                "OK",
                toTag,
                contact,
                DialogRequest.offer(sip.host(), 16384 + random.nextInt(8000) * 2, 1));
        Answered fresh = new Answered(ok, in.source());
        answered.put(in.callId(), fresh);
        sip.send(ok, in.source());
        resendUntilAcked(in.callId(), fresh, 500, System.nanoTime());
      }
      case "ACK" -> {
        Answered a = answered.get(in.callId());
        if (a != null) {
          a.acked = true;
          ScheduledFuture<?> t = a.resend;
          if (t != null) {
            t.cancel(false);
          }
        }
      }
      case "BYE" -> {
        answered.remove(in.callId());
        sip.send(in.response(200, "OK", token(), null, null), in.source());
      }
      default -> sip.send(in.response(200, "OK", token(), null, null), in.source());
    }
  }

  /**
   * A 200 to an INVITE is sent again, T1 doubling to T2, until its ACK or 32 s (RFC 3261 13.3.1.4).
   */
  private void resendUntilAcked(String callId, Answered a, long after, long since) {
    a.resend =
        timers.schedule(
            () -> {
              if (a.acked) {
                return;
              }
              if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(32)) {
                answered.remove(callId, a);
                return;
              }
              sip.send(a.okText, a.to);
              resendUntilAcked(callId, a, Math.min(after * 2, 4000), since);
            },
            after,
            TimeUnit.MILLISECONDS);
  }

  /** Stops refreshing; the bindings expire by themselves. */
  void stop() {
    synchronized (lines) {
      cancelRefreshes();
    }
  }

  private void cancelRefreshes() {
    for (LineState l : lines) {
      if (l.refresh != null) {
        l.refresh.cancel(false);
      }
    }
  }

  /**
   * The lines of this phone's files: its first, and those it names (a Polycom master's), each fetch
   * counted.
   */
  private List<PhoneConfig.Line> lines(PhaseStats stats) {
    PhoneConfig.Read first = PhoneConfig.read(model.vendor(), fetch(fileName()));
    stats.fetched();
    List<PhoneConfig.Line> out = new ArrayList<>(first.lines());
    for (String next : first.next()) {
      out.addAll(PhoneConfig.read(model.vendor(), fetch(next)).lines());
      stats.fetched();
    }
    return out;
  }

  private byte[] fetch(String name) {
    try {
      return files.fetch(new FileRequest(name, userAgent(), sip.host(), login));
    } catch (IOException e) {
      throw new CompletionException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
  }

  /**
   * Registers the line once the registration in flight has ended: two at once would reach the
   * registrar out of CSeq order, and it rightly refuses the older (RFC 3261 section 10.3, step 7).
   */
  private CompletableFuture<Boolean> register(LineState l, PhaseStats stats) {
    synchronized (l) {
      if (l.refresh != null) {
        l.refresh.cancel(false);
      }
      CompletableFuture<Boolean> next =
          l.inFlight.handle((ok, e) -> null).thenCompose(v -> registerNow(l, stats));
      l.inFlight = next;
      return next;
    }
  }

  private CompletableFuture<Boolean> registerNow(LineState l, PhaseStats stats) {
    long started = System.nanoTime();
    return send(l, Optional.empty())
        .thenCompose(
            r -> {
              if (r.status() != 401) {
                return CompletableFuture.completedFuture(r);
              }
              Optional<DigestChallenge> c =
                  r.challenges().stream()
                      .map(DigestChallenge::parse)
                      .flatMap(Optional::stream)
                      .findFirst();
              if (c.isEmpty()) {
                return CompletableFuture.completedFuture(r);
              }
              l.nc = 1;
              String auth =
                  DigestAnswer.authorization(
                      c.get(),
                      l.line.authUser(),
                      l.line.password(),
                      "REGISTER",
                      "sip:" + l.line.domain(),
                      token(),
                      l.nc);
              return send(l, Optional.of(auth));
            })
        .handle(
            (r, e) -> {
              if (e != null) {
                Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                stats.failed(
                    cause instanceof TimeoutException ? "register-timeout" : "register-error");
                later(l, RETRY_SECONDS);
                return false;
              }
              if (r.status() / 100 != 2) {
                stats.failed("register-" + r.status());
                later(l, RETRY_SECONDS);
                return false;
              }
              stats.registered(System.nanoTime() - started);
              int granted = r.grantedTo(l.contactUser).orElse(options.expires());
              later(l, granted);
              return true;
            });
  }

  /**
   * Registers the line again at a random point between 80 and 100 % of {@code seconds}: the expiry
   * granted, or a failed registration's retry timer, as phones spread both; but at the latest 1 s
   * (a tenth of an interval under 10 s) before its end: a refresh sent as the binding lapses would
   * leave the phone unreachable for its round trip, and real phones keep that margin.
   */
  private void later(LineState l, int seconds) {
    if (seconds <= 0) {
      return;
    }
    long whole = seconds * 1000L;
    long millis =
        Math.min(
            (long) (whole * (0.8 + 0.2 * random.nextDouble())), whole - Math.min(1000, whole / 10));
    synchronized (lines) {
      if (lines.contains(l)) {
        synchronized (l) {
          if (l.refresh != null) {
            l.refresh.cancel(false);
          }
          l.refresh =
              timers.schedule(() -> register(l, phase.get()), millis, TimeUnit.MILLISECONDS);
        }
      }
    }
  }

  private CompletableFuture<SipAnswer> send(LineState l, Optional<String> authorization) {
    String branch = "z9hG4bK" + token();
    long cseq;
    synchronized (l) {
      cseq = ++l.cseq;
    }
    Register r =
        new Register(
            l.line.user(),
            l.line.domain(),
            l.contactUser,
            sip.host(),
            sip.port(),
            l.callId,
            l.fromTag,
            cseq,
            branch,
            options.expires(),
            userAgent(),
            authorization);
    return sip.request(r.text(), branch, l.target);
  }

  /**
   * A Call-ID, tag or branch part: unique in space and time (RFC 3261 section 8.1.1.4), so never
   * from the seed, which makes a second run's identifiers the first run's.
   */
  private String token() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  private static String fetchFailure(Throwable e) {
    if (e instanceof SocketTimeoutException || e instanceof java.net.http.HttpTimeoutException) {
      return "fetch-timeout";
    }
    if (e instanceof FileSource.Refused) {
      return "fetch-refused";
    }
    return "fetch-error";
  }
}
