package io.voxhost.sip.transport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.platform.concurrent.RoleEventLoops;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.limits.SourceRateLimit;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.net.ListenAddress;
import io.voxhost.platform.node.WarmUps;
import io.voxhost.platform.role.Drained;
import io.voxhost.sip.SipConfig;
import io.voxhost.sip.service.AuthenticationService;
import io.voxhost.sip.service.PeerDirectory;
import io.voxhost.sip.service.RedirectEvents;
import io.voxhost.sip.service.Redirector;
import io.voxhost.sip.service.RegistrationService;
import io.voxhost.sip.service.SipClock;
import io.voxhost.sip.service.SipDomains;
import io.voxhost.sip.service.SipSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.sip.SipFactory;
import org.jboss.logging.Logger;

/**
 * The SIP transports of this node: UDP read straight from a socket ({@link UdpListener}), TCP and
 * TLS on event loops ({@link StreamListener}), all handed to one {@link SipRequestHandler}. The TLS
 * certificate is the one of a Quarkus TLS configuration, taken again when a reload reads its files.
 */
@ApplicationScoped
public class SipEndpoint {

  /** The name the TLS registry's events give its unnamed configuration. */
  private static final String DEFAULT_TLS_CONFIGURATION = "<default>";

  private static final Logger LOG = Logger.getLogger(SipEndpoint.class);

  /** Enough of each request for C2 to compile the path (its thresholds are some 10,000 calls). */
  private static final int WARM_UP_ROUNDS = 20_000;

  private final SipConfig config;
  private final SipDomains domains;
  private final PeerDirectory peers;
  private final RegistrationService registrations;
  private final Redirector redirector;
  private final AuthenticationService authentication;
  private final SipClock clock;
  private final SipMetrics metrics;
  private final RoleThreads threads;
  private final SourceRateLimit rateLimit;
  private final Instance<CallerNames> callerNames;
  private final RedirectEvents redirectEvents;

  private final RoleEventLoops loops;
  private final TlsConfigurationRegistry tlsRegistry;
  private final WarmUps warmUps;
  private UdpListener udp;
  private StreamListener streams;
  private boolean running;
  private ThreadPoolExecutor workers;
  private WarmUps.WarmUp warmUp;
  private final List<String> listening = new ArrayList<>();

  SipEndpoint(
      SipConfig config,
      SipDomains domains,
      PeerDirectory peers,
      RegistrationService registrations,
      Redirector redirector,
      AuthenticationService authentication,
      SipClock clock,
      Meters registry,
      RoleThreads threads,
      Instance<CallerNames> callerNames,
      RedirectEvents redirectEvents,
      RoleEventLoops loops,
      TlsConfigurationRegistry tlsRegistry,
      WarmUps warmUps) {
    this.warmUps = warmUps;
    this.threads = threads;
    this.loops = loops;
    this.tlsRegistry = tlsRegistry;
    this.redirectEvents = redirectEvents;
    this.config = config;
    this.domains = domains;
    this.peers = peers;
    this.registrations = registrations;
    this.redirector = redirector;
    this.authentication = authentication;
    this.clock = clock;
    this.metrics = new SipMetrics(registry);
    this.callerNames = callerNames;
    this.rateLimit =
        new SourceRateLimit(config.rateLimit().perSecond(), config.rateLimit().burst(), 100_000);
  }

  /**
   * Applies changed {@code voxhost.sip.rate-limit.*} from the next request on.
   *
   * @return the keys applied
   */
  public Set<String> reloadRateLimit(ReloadedSettings settings) {
    return rateLimit.reload(settings, "voxhost.sip.rate-limit");
  }

  public synchronized void start() throws Exception {
    ListenAddress address = config.listen().single("voxhost.sip.listen");
    Set<String> transports = SipSettings.transports(config.transports());
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    authentication.start();
    workers = threads.pool("sip", "workers", config.workerThreads(), config.workerQueue());
    SipResponses responses = new SipResponses(factory);
    SipRequestHandler handler =
        requestHandler(responses, metrics, rateLimit, workers, callerNameDip(responses, metrics));
    try {
      if (transports.contains("udp")) {
        udp =
            new UdpListener(
                new InetSocketAddress(address.host(), address.port()),
                config.threads(),
                config.receiveBuffer(),
                config.maxMessageSize(),
                threads);
        udp.start(
            socket ->
                new DatagramReception(socket, new MessageReception(handler, responses, metrics)));
        listening.add("udp " + address);
      }
      if (transports.contains("tcp") || transports.contains("tls")) {
        streams =
            new StreamListener(
                loops,
                config.connections(),
                config.maxMessageSize(),
                config.threads(),
                metrics,
                () -> new MessageReception(handler, responses, metrics));
      }
      if (transports.contains("tcp")) {
        streams.listenTcp(new InetSocketAddress(address.host(), address.port()));
        listening.add("tcp " + address);
      }
      if (transports.contains("tls")) {
        ListenAddress tls = config.tlsListen().single("voxhost.sip.tls-listen");
        streams.listenTls(new InetSocketAddress(tls.host(), tls.port()), tlsContext());
        listening.add("tls " + tls);
      }
    } catch (Exception e) {
      stop();
      throw e;
    }
    running = true;
    if (!config.warmUp().isZero()) {
      // Once the node serves, on the platform's warm-up thread; phones are answered meanwhile.
      warmUp = warmUps.submit("sip", () -> warmUp(responses, WARM_UP_ROUNDS, config.warmUp()));
    }
  }

  /**
   * Runs the {@link SipWarmUp} on this thread, with a handler of its own: its requests count in no
   * metric, meet no rate limit and queue on no worker of the phones'.
   *
   * @return the rounds it ran
   */
  int warmUp(SipResponses responses, int rounds, Duration budget) {
    long started = System.nanoTime();
    SipMetrics unseen = new SipMetrics(new Meters(new SimpleMeterRegistry()));
    ThreadPoolExecutor warmUpWorkers = threads.unwatchedPool("sip", "warm-up-workers", 1, 64);
    // A full queue runs the answer on the warm-up's thread rather than refusing it with a 503.
    warmUpWorkers.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      SipRequestHandler handler =
          requestHandler(
              responses, unseen, new SourceRateLimit(0, 0, 1), warmUpWorkers, Optional.empty());
      int done =
          new SipWarmUp(
                  new MessageReception(handler, responses, unseen),
                  handler.registers(),
                  rounds,
                  budget)
              .run();
      LOG.infof(
          "SIP warm-up: %d rounds in %d ms",
          done, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return done;
    } finally {
      warmUpWorkers.shutdown();
    }
  }

  /**
   * Stops taking new work and answers what is queued: UDP readers stop reading (the kernel's buffer
   * is left to the phones' retransmissions, which reach another node), new REGISTERs over TCP get
   * 503 with Retry-After, redirects are still answered, and queued registrations run to the end.
   */
  public Drained drain(Instant deadline) throws InterruptedException {
    UdpListener reader;
    ThreadPoolExecutor queue;
    synchronized (this) {
      reader = udp;
      queue = workers;
    }
    if (reader != null) {
      reader.stopReading(deadline);
    }
    if (queue == null) {
      return Drained.complete("nothing running");
    }
    long waiting = queue.getQueue().size() + (long) queue.getActiveCount();
    queue.shutdown();
    long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    if (queue.awaitTermination(left, TimeUnit.MILLISECONDS)) {
      return Drained.complete("answered the " + waiting + " queued request(s)");
    }
    return Drained.unfinished(
        (queue.getQueue().size() + queue.getActiveCount()) + " request(s) still queued");
  }

  public synchronized void stop() {
    running = false;
    if (warmUp != null) {
      warmUp.cancel(); // it stops at its next round
      warmUp = null;
    }
    if (udp != null) {
      udp.stop();
      udp = null;
    }
    if (streams != null) {
      streams.stop();
      streams = null;
    }
    if (workers != null) {
      workers.shutdown();
      try {
        workers.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      workers = null;
    }
    listening.clear();
  }

  public synchronized boolean running() {
    return running;
  }

  public synchronized List<String> listening() {
    return List.copyOf(listening);
  }

  /** One flow per method family; INVITEs answered by the redirect flow are what CANCELs match. */
  private SipRequestHandler requestHandler(
      SipResponses responses,
      SipMetrics metrics,
      SourceRateLimit rateLimit,
      ThreadPoolExecutor workers,
      Optional<CallerNameDip> dip) {
    Replies replies = new Replies(metrics);
    DigestGate digest = new DigestGate(authentication, responses);
    AnsweredInvites invites = new AnsweredInvites();
    return new SipRequestHandler(
        new RegisterFlow(
            domains,
            registrations,
            digest,
            clock,
            workers,
            responses,
            replies,
            metrics,
            flowTimerSeconds(config.connections().idleTimeout())),
        new RedirectFlow(
            domains,
            peers,
            redirector,
            digest,
            config.authInvite(),
            clock,
            invites,
            responses,
            replies,
            dip,
            redirectEvents),
        new CancelFlow(invites, responses, replies),
        new DialogFlow(responses, replies),
        new CapabilitiesFlow(responses, replies),
        new RequestScreen(responses, replies),
        rateLimit,
        metrics);
  }

  /**
   * The Flow-Timer phones are given (RFC 5626 4.4.1): nine tenths of the idle timeout, so that
   * their keep-alives, sent at 80 to 100 % of it, come before the connection would be closed.
   */
  static int flowTimerSeconds(Duration idleTimeout) {
    return (int) Math.max(1, idleTimeout.toSeconds() * 9 / 10);
  }

  /** The caller-name dip, when the node takes dips ({@link CallerNames#sipUser()}). */
  private Optional<CallerNameDip> callerNameDip(SipResponses responses, SipMetrics metrics) {
    if (!callerNames.isResolvable()) {
      return Optional.empty();
    }
    CallerNames names = callerNames.get();
    return names
        .sipUser()
        .map(
            user ->
                new CallerNameDip(names, user, workers, responses, new Replies(metrics), metrics));
  }

  /** Connections over TCP and TLS open now. */
  public synchronized int openConnections() {
    return streams == null ? 0 : streams.open();
  }

  /** The port SIP over TLS listens on (the one chosen, when the setting says 0); -1 if none. */
  public synchronized int tlsPort() {
    return streams == null ? -1 : streams.port("TLS");
  }

  /** Takes the renewed certificate of the TLS configuration SIP uses, for new connections. */
  void certificateUpdated(@Observes CertificateUpdatedEvent event) throws Exception {
    String name = config.tlsConfigurationName().orElse(DEFAULT_TLS_CONFIGURATION);
    StreamListener listener;
    synchronized (this) {
      listener = streams;
    }
    if (listener != null && listener.port("TLS") >= 0 && name.equals(event.name())) {
      listener.useCertificate(event.tlsConfiguration().createSSLContext());
    }
  }

  /** The SSL context of the configured TLS configuration, which must hold a key store. */
  private SSLContext tlsContext() throws Exception {
    TlsConfiguration tls =
        config
            .tlsConfigurationName()
            .map(tlsRegistry::get)
            .orElseGet(tlsRegistry::getDefault)
            .filter(t -> t.getKeyStore() != null)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "voxhost.sip.transports has tls, but "
                            + config
                                .tlsConfigurationName()
                                .map(n -> "the TLS configuration '" + n + "'")
                                .orElse("the default TLS configuration")
                            + " has no certificate: set quarkus.tls."
                            + config.tlsConfigurationName().map(n -> n + ".").orElse("")
                            + "key-store.pem.0.cert and .key"));
    return tls.createSSLContext();
  }
}
