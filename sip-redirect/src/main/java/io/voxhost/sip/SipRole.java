package io.voxhost.sip;

import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.role.Role;
import io.voxhost.platform.role.RoleHealth;
import io.voxhost.sip.service.SipDomains;
import io.voxhost.sip.store.location.PostgresLocationStore;
import io.voxhost.sip.transport.SipEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The {@code sip} role: the registrar and redirect server on UDP and TCP. */
@ApplicationScoped
public class SipRole implements Role {

  private static final Logger LOG = Logger.getLogger(SipRole.class);

  private final SipEndpoint endpoint;
  private final PostgresLocationStore store;
  private final SipDomains domains;
  private final SipConfig config;
  private final RoleThreads threads;
  private ScheduledExecutorService sweeper;

  SipRole(
      SipEndpoint endpoint,
      PostgresLocationStore store,
      SipDomains domains,
      SipConfig config,
      RoleThreads threads) {
    this.threads = threads;
    this.endpoint = endpoint;
    this.store = store;
    this.domains = domains;
    this.config = config;
  }

  @Override
  public String name() {
    return "sip";
  }

  @Override
  public List<String> httpPaths() {
    return List.of("/api/v1/sip");
  }

  @Override
  public synchronized void start() throws Exception {
    store.start(config.location().loadTimeout());
    endpoint.start();
    sweeper = threads.timer("sip", "sweeper", 1);
    long every = Math.max(100, config.sweepInterval().toMillis());
    sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
  }

  /** UDP stops being read, queued registrations are answered; bindings go on being written. */
  @Override
  public Drained drain(Instant deadline) throws InterruptedException {
    return endpoint.drain(deadline);
  }

  /** The tenants' SIP domains and authentication settings, read again now. */
  @Override
  public void reload() {
    domains.reloadNow();
  }

  @Override
  public synchronized void stop() {
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
        ? RoleHealth.ready(String.join(", ", endpoint.listening()) + "; bindings " + store.size())
        : RoleHealth.notReady("not listening");
  }

  private void sweep() {
    try {
      int removed = store.sweep(Instant.now());
      if (removed > 0) {
        LOG.debugf("%d expired binding(s) removed", removed);
      }
    } catch (RuntimeException e) {
      LOG.warn("Binding sweep failed", e);
    }
  }
}
