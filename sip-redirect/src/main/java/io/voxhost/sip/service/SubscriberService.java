package io.voxhost.sip.service;

import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.service.ResourceConflict;
import io.voxhost.platform.service.ResourceNotFound;
import io.voxhost.platform.service.Tenant;
import io.voxhost.platform.service.Tenants;
import io.voxhost.sip.store.SubscriberEntity;
import io.voxhost.sip.store.SubscriberRepository;
import io.voxhost.sip.store.SubscriberRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.hibernate.exception.ConstraintViolationException;

/**
 * A tenant's SIP accounts. Passwords are turned into HA1 hashes (MD5 and SHA-256) for the realm the
 * tenant's SIP domain is at that moment, and then forgotten. Every change is announced on the
 * {@link ChangeFeed} inside its transaction, so that no node keeps a stale password.
 */
@ApplicationScoped
public class SubscriberService {

  private final SubscriberRepository repository;
  private final Tenants tenants;
  private final SubscriberDirectory directory;
  private final ChangeFeed feed;
  private final LocationStore locations;
  private final SubscriberRows subscriberRows;
  private final TransactionSynchronizationRegistry transactions;

  SubscriberService(
      SubscriberRepository repository,
      Tenants tenants,
      SubscriberDirectory directory,
      ChangeFeed feed,
      LocationStore locations,
      SubscriberRows subscriberRows,
      TransactionSynchronizationRegistry transactions) {
    this.subscriberRows = subscriberRows;
    this.repository = repository;
    this.tenants = tenants;
    this.directory = directory;
    this.feed = feed;
    this.locations = locations;
    this.transactions = transactions;
  }

  @Transactional
  public SubscriberInfo create(
      UUID tenantId, String username, String password, String displayName) {
    if (repository.find(tenantId, username).isPresent()) {
      throw new ResourceConflict("username", "subscriber '" + username + "' exists already");
    }
    Tenant tenant = tenant(tenantId);
    SubscriberEntity e = new SubscriberEntity();
    e.id = UUID.randomUUID();
    e.tenantId = tenantId;
    e.username = username;
    e.displayName = displayName;
    setPassword(e, tenant.sipDomain(), password);
    e.createdAt = now();
    e.updatedAt = e.createdAt;
    try {
      repository.persist(e);
      repository.flush();
    } catch (ConstraintViolationException race) {
      throw new ResourceConflict("username", "subscriber '" + username + "' exists already");
    }
    announce(tenantId, username);
    return info(e);
  }

  @Transactional
  public List<SubscriberInfo> page(UUID tenantId, String after, int limit) {
    return repository.page(tenantId, after, limit).stream().map(SubscriberService::info).toList();
  }

  /**
   * The subscriber from the directory the SIP path reads, which every node's changes evict: from
   * memory after the first read, a blocking read before.
   */
  public SubscriberInfo get(UUID tenantId, String username) {
    return info(tenantId, username, directory.find(tenantId, username));
  }

  /**
   * The subscriber if the directory holds it, found without waiting; empty when it must be read
   * first ({@link #get}). A name the directory knows not to exist is a {@link ResourceNotFound}.
   */
  public Optional<SubscriberInfo> getFromMemory(UUID tenantId, String username) {
    return directory
        .inMemory(tenantId, username)
        .map(subscriber -> info(tenantId, username, subscriber));
  }

  private static SubscriberInfo info(UUID tenantId, String username, Optional<Subscriber> found) {
    Subscriber s = found.orElseThrow(() -> noSuchSubscriber(username));
    return new SubscriberInfo(s.username(), s.displayName(), s.createdAt(), s.updatedAt());
  }

  /** Changes the password and/or display name; null keeps the current value. */
  @Transactional
  public SubscriberInfo update(
      UUID tenantId, String username, String password, String displayName) {
    SubscriberEntity e = entity(tenantId, username);
    if (password != null) {
      setPassword(e, tenant(tenantId).sipDomain(), password);
    }
    if (displayName != null) {
      e.displayName = displayName;
    }
    e.updatedAt = now();
    announce(tenantId, username);
    return info(e);
  }

  /** Deletes the subscriber and then every binding of its AOR. */
  public void delete(UUID tenantId, String username) throws Exception {
    String domain = deleteRow(tenantId, username);
    locations
        .removeAll(new AddressOfRecord(tenantId, username, domain))
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @Transactional
  String deleteRow(UUID tenantId, String username) {
    SubscriberEntity e = entity(tenantId, username);
    repository.delete(e);
    announce(tenantId, username);
    return tenant(tenantId).sipDomain();
  }

  /**
   * Writes a whole import in one transaction: all rows or none. Existing usernames get the new
   * password and display name.
   */
  @Transactional
  public ImportOutcome.Imported write(UUID tenantId, List<SubscriberRows.Row> rows) {
    String realm = tenant(tenantId).sipDomain();
    Instant now = now();
    int created = 0;
    for (int from = 0; from < rows.size(); from += 5_000) {
      created +=
          subscriberRows.upsert(
              tenantId, realm, rows.subList(from, Math.min(rows.size(), from + 5_000)), now);
    }
    feed.publish(
        SubscriberDirectory.CHANNEL,
        List.of(SubscriberDirectory.line(tenantId, SubscriberDirectory.EVERYONE)));
    evictNowAndAfterCommit(tenantId, SubscriberDirectory.EVERYONE);
    return new ImportOutcome.Imported(created, rows.size() - created);
  }

  /** The row of an import line, hashed for the tenant's realm. */
  public SubscriberRows.Row row(String realm, String username, String password, String display) {
    return new SubscriberRows.Row(
        username,
        display,
        DigestAlgorithm.MD5.ha1(username, realm, password),
        DigestAlgorithm.SHA_256.ha1(username, realm, password));
  }

  public String realmOf(UUID tenantId) {
    return tenant(tenantId).sipDomain();
  }

  private void announce(UUID tenantId, String username) {
    repository.flush();
    feed.publish(
        SubscriberDirectory.CHANNEL, List.of(SubscriberDirectory.line(tenantId, username)));
    evictNowAndAfterCommit(tenantId, username);
  }

  /**
   * Evicted before the commit only, a subscriber read in between (a REGISTER, an API read) would
   * put the old row back into memory, where nothing expires it; so once more after the end.
   */
  private void evictNowAndAfterCommit(UUID tenantId, String username) {
    directory.evict(tenantId, username);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            directory.evict(tenantId, username);
          }
        });
  }

  private static void setPassword(SubscriberEntity e, String realm, String password) {
    e.realm = realm;
    e.ha1Md5 = DigestAlgorithm.MD5.ha1(e.username, realm, password);
    e.ha1Sha256 = DigestAlgorithm.SHA_256.ha1(e.username, realm, password);
  }

  private SubscriberEntity entity(UUID tenantId, String username) {
    return repository.find(tenantId, username).orElseThrow(() -> noSuchSubscriber(username));
  }

  private Tenant tenant(UUID tenantId) {
    return tenants.byId(tenantId).orElseThrow(() -> new ResourceNotFound("no tenant " + tenantId));
  }

  private static ResourceNotFound noSuchSubscriber(String username) {
    return new ResourceNotFound("no subscriber '" + username + "'");
  }

  private static SubscriberInfo info(SubscriberEntity e) {
    return new SubscriberInfo(e.username, e.displayName, e.createdAt, e.updatedAt);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
