package io.voxhost.cnam;

import io.voxhost.cnam.api.SubscriberNames;
import io.voxhost.cnam.service.CnamSettings;
import io.voxhost.cnam.service.DatabaseReads;
import io.voxhost.cnam.service.DipLedger;
import io.voxhost.cnam.service.DirectoryMemory;
import io.voxhost.cnam.service.DirectoryReader;
import io.voxhost.cnam.service.ProviderTrust;
import io.voxhost.cnam.service.TenantLookupRules;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.role.Reloaded;
import io.voxhost.platform.role.Role;
import io.voxhost.platform.role.RoleHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The {@code cnam} role: callers' names, over HTTP, in-process and over SIP. */
@ApplicationScoped
public class CnamRole implements Role {

  /** How long the start waits for tenants' settings to be read into memory. */
  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(1);

  private final CnamConfig config;
  private final TenantLookupRules rules;
  private final Instance<SubscriberNames> subscribers;
  private final DirectoryMemory directory;
  private final DipLedger ledger;
  private final DatabaseReads reads;
  private final DirectoryReader directoryReads;
  private volatile boolean started;

  CnamRole(
      CnamConfig config,
      TenantLookupRules rules,
      Instance<SubscriberNames> subscribers,
      DirectoryMemory directory,
      DipLedger ledger,
      DatabaseReads reads,
      DirectoryReader directoryReads) {
    this.reads = reads;
    this.directoryReads = directoryReads;
    this.config = config;
    this.rules = rules;
    this.subscribers = subscribers;
    this.directory = directory;
    this.ledger = ledger;
  }

  @Override
  public String name() {
    return CnamSettings.ROLE;
  }

  @Override
  public List<String> httpPaths() {
    return List.of("/api/v1/cnam", "/api/v1/admin/cnam");
  }

  @Override
  public List<String> importPaths() {
    // A million-row directory is about 36 MB; every other body stays under voxhost.http.body-size.
    return List.of("/api/v1/cnam/directory/import", "/api/v1/admin/cnam/directory/import");
  }

  @Override
  public List<String> readingPosts() {
    // A batch of lookups: too many numbers for a URL, and still a read.
    return List.of("/api/v1/cnam/lookups");
  }

  @Override
  public void start() throws Exception {
    CnamSettings.check(config);
    ProviderTrust.check(config.trustCertificates());
    rules.follow(LOAD_TIMEOUT);
    // Subscribers' names in memory, shared with the sip role on the node (one load for both).
    if (subscribers.isResolvable()) {
      subscribers.get().follow(LOAD_TIMEOUT);
    }
    directory.follow(LOAD_TIMEOUT);
    ledger.start();
    started = true;
  }

  /** Lookups are short (at most the budget): the node's HTTP shutdown lets them finish. */
  @Override
  public Drained drain(Instant deadline) {
    ledger.stop(); // counted dips written while the database is surely there
    return Drained.complete("lookups end within their budget");
  }

  /** Settings are read at start; tenants' are followed through the change feed. */
  @Override
  public Reloaded reload(ReloadedSettings settings) {
    return Reloaded.nothing();
  }

  @Override
  public void stop() {
    ledger.stop();
    reads.stop();
    directoryReads.stop();
    started = false;
  }

  @Override
  public RoleHealth health() {
    return started
        ? RoleHealth.ready("budget " + config.budget().toMillis() + " ms")
        : RoleHealth.notReady("not started");
  }
}
