package io.voxhost.sip.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.voxhost.sip.SipConfig;
import io.voxhost.sip.service.AuthenticationService;
import io.voxhost.sip.service.Redirector;
import io.voxhost.sip.service.RegistrationService;
import io.voxhost.sip.service.SipDomains;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;

/**
 * The JAIN-SIP stack of this node: its properties, listening points and provider. Every {@code
 * gov.nist} property lives here and nowhere else.
 */
@ApplicationScoped
public class SipEndpoint {

  private final SipConfig config;
  private final SipDomains domains;
  private final RegistrationService registrations;
  private final Redirector redirector;
  private final AuthenticationService authentication;
  private final SipMetrics metrics;

  private SipStack stack;
  private SipProvider provider;
  private ThreadPoolExecutor workers;
  private final List<String> listening = new ArrayList<>();

  SipEndpoint(
      SipConfig config,
      SipDomains domains,
      RegistrationService registrations,
      Redirector redirector,
      AuthenticationService authentication,
      MeterRegistry registry) {
    this.config = config;
    this.domains = domains;
    this.registrations = registrations;
    this.redirector = redirector;
    this.authentication = authentication;
    this.metrics = new SipMetrics(registry);
  }

  public synchronized void start() throws Exception {
    ListenAddress address = ListenAddress.parse(config.listen());
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    stack = factory.createSipStack(stackProperties());
    authentication.start();
    workers = workerPool();
    SipRequestHandler handler =
        new SipRequestHandler(
            new SipResponses(factory),
            domains,
            registrations,
            redirector,
            authentication,
            config.authInvite(),
            workers,
            new SourceRateLimit(
                config.rateLimit().perSecond(), config.rateLimit().burst(), 100_000),
            metrics);
    for (String transport : config.transports()) {
      String name = transport.strip().toLowerCase(Locale.ROOT);
      if (!name.equals("udp") && !name.equals("tcp")) {
        throw new IllegalArgumentException(
            "voxhost.sip.transports: '" + transport + "' is not udp or tcp");
      }
      ListeningPoint point = stack.createListeningPoint(address.host(), address.port(), name);
      if (provider == null) {
        provider = stack.createSipProvider(point);
      } else {
        provider.addListeningPoint(point);
      }
      listening.add(name + " " + address);
    }
    handler.attach(provider);
    provider.addSipListener(handler);
    stack.start();
  }

  public synchronized void stop() {
    if (stack != null) {
      stack.stop();
      stack = null;
      provider = null;
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
    return stack != null;
  }

  public synchronized List<String> listening() {
    return List.copyOf(listening);
  }

  private Properties stackProperties() {
    Properties p = new Properties();
    // Each start gets its own name: JAIN-SIP's factory keeps stacks by name.
    p.setProperty("javax.sip.STACK_NAME", "voxhost-sip-" + UUID.randomUUID());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JbossStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", JbossServerLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(config.stackThreads()));
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(config.maxMessageSize()));
    p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
    p.setProperty(
        "gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", BoundedUdpProcessors.class.getName());
    p.setProperty(BoundedUdpProcessors.QUEUE, Integer.toString(config.udpQueue()));
    return p;
  }

  private ThreadPoolExecutor workerPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            config.workerThreads(),
            config.workerThreads(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(config.workerQueue()),
            r -> {
              Thread t = new Thread(r, "voxhost-sip-worker-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    return pool;
  }
}
