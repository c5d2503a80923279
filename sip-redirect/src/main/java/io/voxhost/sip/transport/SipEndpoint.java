package io.voxhost.sip.transport;

import io.voxhost.cnam.api.CallerNames;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.limits.SourceRateLimit;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.net.ListenAddress;
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
import jakarta.enterprise.inject.Instance;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;

/**
 * The SIP transports of this node: UDP read straight from a socket ({@link UdpListener}), TCP
 * through a JAIN-SIP stack, both handed to one {@link SipRequestHandler}. Every {@code gov.nist}
 * property lives here and nowhere else.
 */
@ApplicationScoped
public class SipEndpoint {

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

  private SipStack stack;
  private UdpListener udp;
  private boolean running;
  private ThreadPoolExecutor workers;
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
      RedirectEvents redirectEvents) {
    this.threads = threads;
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
    SipRequestHandler handler = requestHandler(responses);
    try {
      if (transports.contains("udp")) {
        udp =
            new UdpListener(
                new InetSocketAddress(address.host(), address.port()),
                config.threads(),
                config.receiveBuffer(),
                config.maxMessageSize(),
                threads);
        udp.start(socket -> new DatagramReception(socket, handler, responses, metrics));
        listening.add("udp " + address);
      }
      if (transports.contains("tcp")) {
        // Connections stay with JAIN-SIP: framing, Content-Length and connection reuse.
        stack = factory.createSipStack(stackProperties());
        ListeningPoint point = stack.createListeningPoint(address.host(), address.port(), "tcp");
        SipProvider provider = stack.createSipProvider(point);
        provider.addSipListener(
            new StackListener(handler, new StackResponseChannel(provider, responses)));
        stack.start();
        listening.add("tcp " + address);
      }
    } catch (Exception e) {
      stop();
      throw e;
    }
    running = true;
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
    if (udp != null) {
      udp.stop();
      udp = null;
    }
    if (stack != null) {
      stack.stop();
      stack = null;
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
  private SipRequestHandler requestHandler(SipResponses responses) {
    Replies replies = new Replies(metrics);
    DigestGate digest = new DigestGate(authentication, responses);
    AnsweredInvites invites = new AnsweredInvites();
    return new SipRequestHandler(
        new RegisterFlow(
            domains, registrations, digest, clock, workers, responses, replies, metrics),
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
            callerNameDip(responses, replies),
            redirectEvents),
        new CancelFlow(invites, responses, replies),
        new DialogFlow(responses, replies),
        new CapabilitiesFlow(responses, replies),
        new RequestScreen(responses, replies),
        rateLimit,
        metrics);
  }

  /** The caller-name dip, when the node takes dips ({@link CallerNames#sipUser()}). */
  private Optional<CallerNameDip> callerNameDip(SipResponses responses, Replies replies) {
    if (!callerNames.isResolvable()) {
      return Optional.empty();
    }
    CallerNames names = callerNames.get();
    return names
        .sipUser()
        .map(user -> new CallerNameDip(names, user, workers, responses, replies, metrics));
  }

  private Properties stackProperties() {
    Properties p = new Properties();
    // Each start gets its own name: JAIN-SIP's factory keeps stacks by name.
    p.setProperty("javax.sip.STACK_NAME", "voxhost-sip-" + UUID.randomUUID());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JbossStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JbossServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(config.threads()));
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(config.maxMessageSize()));
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", StrictParserFactory.class.getName());
    return p;
  }
}
