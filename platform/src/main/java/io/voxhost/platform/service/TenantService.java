package io.voxhost.platform.service;

import com.github.benmanes.caffeine.cache.Ticker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.store.TenantEntity;
import io.voxhost.platform.store.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Creates, finds and changes tenants. The {@link Tenants} lookups read the database; {@link
 * #recent} answers an API client's "who am I" from memory.
 */
@ApplicationScoped
public class TenantService implements Tenants {

  /** The digest algorithms a tenant may be offered (RFC 8760 names). */
  public static final List<String> SIP_DIGEST_ALGORITHMS = List.of("MD5", "SHA-256");

  private final TenantRepository tenants;
  private final TransactionSynchronizationRegistry transactions;
  private final RecentReads<UUID, Tenant> recent;
  private final ChangeFeed feed;
  private final Event<TenantChanged> changed;

  TenantService(
      TenantRepository tenants,
      TransactionSynchronizationRegistry transactions,
      ExecutorService workers,
      VoxhostConfig config,
      ChangeFeed feed,
      Event<TenantChanged> changed) {
    this.changed = changed;
    this.tenants = tenants;
    this.transactions = transactions;
    this.feed = feed;
    this.recent =
        new RecentReads<>(
            "Tenants",
            "voxhost.tenant-cache-ttl",
            config.tenantCacheTtl(),
            10_000,
            workers,
            Ticker.systemTicker(),
            (id, old) -> read(id));
  }

  @Transactional
  public Tenant create(String slug, String name, String sipDomain) {
    String domain = normalizeDomain(sipDomain);
    if (tenants.slugTaken(slug)) {
      throw new ResourceConflict("slug", "a tenant with slug '" + slug + "' already exists");
    }
    if (tenants.findBySipDomain(domain).isPresent()) {
      throw new ResourceConflict(
          "sipDomain", "SIP domain '" + domain + "' belongs to another tenant");
    }
    TenantEntity entity = new TenantEntity();
    entity.id = UUID.randomUUID();
    entity.slug = slug;
    entity.name = name.strip();
    entity.sipDomain = domain;
    entity.createdAt = now();
    entity.updatedAt = entity.createdAt;
    tenants.persist(entity);
    flushGuardingUniqueness();
    feed.publish(CHANGES, List.of(entity.id.toString()));
    Tenant tenant = toTenant(entity);
    changed.fire(new TenantChanged(tenant)); // observers after the commit: served at once here
    return tenant;
  }

  /**
   * Changes the name, SIP domain or REGISTER authentication; null keeps the current value. Like a
   * creation, the change is announced on {@link Tenants#CHANGES} in its transaction.
   */
  @Transactional
  public Tenant update(String slug, String name, String sipDomain, Boolean sipRegisterAuth) {
    return update(slug, name, sipDomain, sipRegisterAuth, null);
  }

  /**
   * As {@link #update(String, String, String, Boolean)}, and also the digest algorithms offered to
   * the tenant's phones: most preferred first, each of {@link #SIP_DIGEST_ALGORITHMS} at most once;
   * an empty list returns the tenant to the SIP node's default, null keeps the current list.
   *
   * @throws InvalidInput naming {@code sipDigestAlgorithms} when the list breaks those rules
   */
  @Transactional
  public Tenant update(
      String slug,
      String name,
      String sipDomain,
      Boolean sipRegisterAuth,
      List<String> sipDigestAlgorithms) {
    String algorithms =
        sipDigestAlgorithms == null ? null : digestAlgorithmsColumn(sipDigestAlgorithms);
    TenantEntity entity =
        tenants.findBySlug(slug).orElseThrow(() -> new ResourceNotFound(noSuchTenant(slug)));
    if (sipDomain != null) {
      String domain = normalizeDomain(sipDomain);
      if (tenants.sipDomainTaken(domain, entity.id)) {
        throw new ResourceConflict(
            "sipDomain", "SIP domain '" + domain + "' belongs to another tenant");
      }
      entity.sipDomain = domain;
    }
    if (name != null) {
      entity.name = name.strip();
    }
    if (sipRegisterAuth != null) {
      entity.sipRegisterAuth = sipRegisterAuth;
    }
    if (sipDigestAlgorithms != null) {
      entity.sipDigestAlgorithms = algorithms.isEmpty() ? null : algorithms;
    }
    entity.updatedAt = now();
    flushGuardingUniqueness();
    UUID id = entity.id;
    feed.publish(CHANGES, List.of(id.toString()));
    TransactionEnd.then(transactions, () -> recent.forget(id));
    Tenant tenant = toTenant(entity);
    changed.fire(new TenantChanged(tenant));
    return tenant;
  }

  @Transactional
  @Override
  public List<Tenant> all() {
    return tenants.listBySlug().stream().map(TenantService::toTenant).toList();
  }

  @Override
  @Transactional
  public Optional<Tenant> byId(UUID id) {
    return tenants.findByIdOptional(id).map(TenantService::toTenant);
  }

  /**
   * The tenant as this node read it within {@code voxhost.tenant-cache-ttl}, or else read now (a
   * blocking call). For answering API clients; a write that depends on a tenant reads it afresh.
   */
  public Optional<Tenant> recent(UUID id) {
    return recent.get(id, this::read);
  }

  /** The tenant if this node read it within {@code voxhost.tenant-cache-ttl}; never waits. */
  public Optional<Tenant> recentInMemory(UUID id) {
    return recent.fresh(id);
  }

  private Tenant read(UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> tenants.findByIdOptional(id).map(TenantService::toTenant).orElse(null));
  }

  @Override
  @Transactional
  public Optional<Tenant> bySlug(String slug) {
    return tenants.findBySlug(slug).map(TenantService::toTenant);
  }

  @Override
  @Transactional
  public Optional<Tenant> bySipDomain(String sipDomain) {
    return tenants.findBySipDomain(normalizeDomain(sipDomain)).map(TenantService::toTenant);
  }

  /** Two concurrent writers can both pass the checks above; the database's constraints decide. */
  private void flushGuardingUniqueness() {
    try {
      tenants.flush();
    } catch (PersistenceException e) {
      String constraint = violatedConstraint(e);
      if (constraint.contains("sip_domain")) {
        throw new ResourceConflict("sipDomain", "that SIP domain belongs to another tenant");
      }
      if (constraint.contains("slug")) {
        throw new ResourceConflict("slug", "a tenant with that slug already exists");
      }
      throw e;
    }
  }

  private static String violatedConstraint(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConstraintViolationException violation) {
        return String.valueOf(violation.getConstraintName());
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return "";
  }

  static String noSuchTenant(String slug) {
    return "no tenant with slug '" + slug + "'";
  }

  private static String normalizeDomain(String domain) {
    String trimmed = domain.strip().toLowerCase(Locale.ROOT);
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  /**
   * The list as stored: names in upper case joined by commas, empty for the default. Checked here
   * rather than only by the column's constraint, so that the client learns which rule it broke.
   */
  static String digestAlgorithmsColumn(List<String> names) {
    List<String> seen = new ArrayList<>();
    for (String name : names) {
      String upper = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
      if (!SIP_DIGEST_ALGORITHMS.contains(upper)) {
        throw invalidAlgorithms(
            "'" + name + "' is not a digest algorithm; use " + SIP_DIGEST_ALGORITHMS);
      }
      if (seen.contains(upper)) {
        throw invalidAlgorithms("'" + upper + "' is named twice");
      }
      seen.add(upper);
    }
    return String.join(",", seen);
  }

  private static InvalidInput invalidAlgorithms(String message) {
    return new InvalidInput(
        "sipDigestAlgorithms: " + message,
        List.of(new InvalidInput.FieldProblem("sipDigestAlgorithms", message)));
  }

  static Tenant toTenant(TenantEntity e) {
    List<String> algorithms =
        e.sipDigestAlgorithms == null ? List.of() : List.of(e.sipDigestAlgorithms.split(","));
    return new Tenant(
        e.id, e.slug, e.name, e.sipDomain, e.sipRegisterAuth, e.createdAt, algorithms);
  }

  /** PostgreSQL keeps microseconds; what we answer must equal what we later read back. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
