package io.voxhost.sip;

import io.voxhost.platform.concurrent.RepeatingWork;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.role.Reloaded;
import io.voxhost.platform.role.Role;
import io.voxhost.platform.role.RoleHealth;
import io.voxhost.sip.service.DialPlan;
import io.voxhost.sip.service.PeerDirectory;
import io.voxhost.sip.service.SipDomains;
import io.voxhost.sip.service.SipSettings;
import io.voxhost.sip.service.SubscriberDirectory;
import io.voxhost.sip.store.location.PostgresLocationStore;
import io.voxhost.sip.transport.SipEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/** The {@code sip} role: the registrar and redirect server on UDP and TCP. */
@ApplicationScoped
public class SipRole implements Role {

  private static final Logger LOG = Logger.getLogger(SipRole.class);

  /** Background work that keeps failing is retried at least this often. */
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final SipEndpoint endpoint;
  private final PostgresLocationStore store;
  private final SipDomains domains;
  private final SubscriberDirectory subscribers;
  private final DialPlan plan;
  private final PeerDirectory peers;
  private final SipConfig config;
  private final RoleThreads threads;
  private ScheduledExecutorService sweeper;
  private final List<RepeatingWork> background = new ArrayList<>();

  SipRole(
      SipEndpoint endpoint,
      PostgresLocationStore store,
      SipDomains domains,
      SubscriberDirectory subscribers,
      DialPlan plan,
      PeerDirectory peers,
      SipConfig config,
      RoleThreads threads) {
    this.threads = threads;
    this.endpoint = endpoint;
    this.store = store;
    this.domains = domains;
    this.subscribers = subscribers;
    this.plan = plan;
    this.peers = peers;
    this.config = config;
  }

  @Override
  public String name() {
    return SipSettings.ROLE;
  }

  @Override
  public List<String> httpPaths() {
    return List.of("/api/v1/sip");
  }

  @Override
  public List<String> importPaths() {
    // A CSV of subscribers may be large; every other body stays under voxhost.http.body-size.
    return List.of("/api/v1/sip/subscribers/import");
  }

  @Override
  public synchronized void start() throws Exception {
    // What a redirect reads is in memory before the first request: bindings, subscribers, dial
    // plans, trusted peers and domains, each kept current by the change feed from here on.
    Duration load = config.location().loadTimeout();
    store.start(load);
    subscribers.follow(load);
    plan.follow(load);
    peers.follow(load);
    domains.follow(load);
    endpoint.start();
    sweeper = threads.timer("sip", "sweeper", 1);
    Duration every = Duration.ofMillis(Math.max(100, config.sweepInterval().toMillis()));
    background.add(threads.repeat(sweeper, "sip", "sweep", every, MAX_BACKOFF, this::sweep));
    background.add(
        threads.repeat(
            sweeper,
            "sip",
            "domain-refresh",
            config.domainCacheTtl(),
            MAX_BACKOFF,
            domains::reloadNow));
    background.forEach(RepeatingWork::start);
  }

  /** UDP stops being read, queued registrations are answered; bindings go on being written. */
  @Override
  public Drained drain(Instant deadline) throws InterruptedException {
    return endpoint.drain(deadline);
  }

  /**
   * The tenants' SIP domains and authentication settings, read again now; a changed {@code
   * voxhost.sip.rate-limit.*} applies from the next request. Each part applies on its own: while
   * the database is away the domains keep what memory holds and the rate limit still applies.
   */
  @Override
  public Reloaded reload(ReloadedSettings settings) {
    List<String> what = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Set<String> applied = new HashSet<>();
    try {
      applied.addAll(endpoint.reloadRateLimit(settings));
      if (!applied.isEmpty()) {
        what.add("sip rate limit");
      }
    } catch (RuntimeException e) {
      failed.add("sip rate limit: " + e.getMessage());
    }
    try {
      domains.reloadNow();
      what.add(0, "sip domains");
    } catch (RuntimeException e) {
      failed.add("sip domains: " + e.getMessage());
    }
    return new Reloaded(what, applied, failed);
  }

  @Override
  public synchronized void stop() {
    background.forEach(RepeatingWork::cancel);
    background.clear();
    if (sweeper != null) {
      sweeper.shutdownNow();
      sweeper = null;
    }
    endpoint.stop();
    store.stop();
  }

  @Override
  public RoleHealth health() {
    return endpoint.running()
        ? RoleHealth.ready(
            String.join(", ", endpoint.listening())
                + "; bindings "
                + store.size()
                + (subscribers.complete() ? "" : "; subscribers still loading"))
        : RoleHealth.notReady("not listening");
  }

  private void sweep() {
    int removed = store.sweep(Instant.now());
    if (removed > 0) {
      LOG.debugf("%d expired binding(s) removed", removed);
    }
  }
}
