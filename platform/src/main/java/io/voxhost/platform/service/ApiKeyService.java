package io.voxhost.platform.service;

import com.github.benmanes.caffeine.cache.Ticker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.files.AtomicFile;
import io.voxhost.platform.store.ApiKeyEntity;
import io.voxhost.platform.store.ApiKeyRepository;
import io.voxhost.platform.store.TenantEntity;
import io.voxhost.platform.store.TenantRepository;
import jakarta.inject.Singleton;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/** Issues, verifies, lists and revokes API keys. */
@Singleton
public class ApiKeyService {

  private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
  static final String ADMIN_LABEL = "admin (first start)";
  private static final KeyCheck INVALID = new KeyCheck.Invalid();
  private static final KeyCheck UNKNOWN = new KeyCheck.Unknown();

  /**
   * The {@link ChangeFeed} channel a revocation is announced on: one line per revoked key's prefix
   * (not a secret: listings show it), or {@link #EVERY_KEY} when every admin key was replaced.
   */
  public static final String REVOCATIONS = "voxhost_platform_key_revoked";

  static final String EVERY_KEY = "*";

  private final ApiKeyRepository keys;
  private final TenantRepository tenants;
  private final KeyUseRecorder uses;
  private final TransactionSynchronizationRegistry transactions;
  private final ChangeFeed feed;
  private final SecureRandom random = new SecureRandom();

  /** Keyed by the digest of the presented key, so that no secret is held past its request. */
  private final RecentReads<KeyDigest, VerifiedKey> verified;

  ApiKeyService(
      ApiKeyRepository keys,
      TenantRepository tenants,
      KeyUseRecorder uses,
      TransactionSynchronizationRegistry transactions,
      ExecutorService workers,
      VoxhostConfig config,
      ChangeFeed feed) {
    this.keys = keys;
    this.tenants = tenants;
    this.uses = uses;
    this.transactions = transactions;
    this.feed = feed;
    this.verified =
        new RecentReads<>(
            "API keys",
            "voxhost.auth.key-cache-ttl",
            config.auth().keyCacheTtl(),
            10_000,
            workers,
            Ticker.systemTicker(),
            (digest, old) -> reread(digest, old.owner().prefix()),
            key -> key.owner().prefix());
    // Another node's revocation reaches this one at once rather than within the TTL. After the
    // feed was away (it may have missed one), every key is read again.
    feed.subscribe(REVOCATIONS, this::revokedElsewhere, verified::forgetAll);
  }

  private void revokedElsewhere(List<String> prefixes) {
    for (String prefix : prefixes) {
      if (prefix.equals(EVERY_KEY)) {
        verified.forgetAll();
      } else {
        verified.forgetTagged(prefix);
      }
    }
  }

  /** A full key for the tenant. */
  @Transactional
  public IssuedKey issueForTenant(String slug, String label) {
    return issueForTenant(slug, label, KeyScope.FULL);
  }

  @Transactional
  public IssuedKey issueForTenant(String slug, String label, KeyScope scope) {
    return issue(tenantBySlug(slug).id, label, scope);
  }

  @Transactional
  public List<ApiKeyInfo> listForTenant(UUID tenantId) {
    return keys.listForTenant(tenantId).stream().map(this::info).toList();
  }

  @Transactional
  public List<ApiKeyInfo> listForTenant(String slug) {
    return listForTenant(tenantBySlug(slug).id);
  }

  @Transactional
  public ApiKeyInfo get(UUID tenantId, String prefix) {
    return info(ownedKey(tenantId, prefix));
  }

  /** Revokes one of the tenant's keys; revoking twice is harmless. */
  @Transactional
  public ApiKeyInfo revoke(UUID tenantId, String prefix) {
    ApiKeyEntity key = ownedKey(tenantId, prefix);
    if (key.revokedAt == null) {
      key.revokedAt = now();
    }
    KeyDigest digest = KeyDigest.of(key.secretHash);
    // Forgotten once committed (see TransactionEnd); other nodes hear of it only if it commits.
    TransactionEnd.then(transactions, () -> verified.forget(digest));
    feed.publish(REVOCATIONS, List.of(key.prefix));
    return info(key);
  }

  @Transactional
  public ApiKeyInfo revoke(String slug, String prefix) {
    return revoke(tenantBySlug(slug).id, prefix);
  }

  /**
   * The key's owner if the presented text is a live key. From memory when this node read the key
   * within {@code voxhost.auth.key-cache-ttl}; otherwise a blocking database read.
   */
  public Optional<KeyOwner> authenticate(String presented) {
    Optional<ApiKeySecret> secret = ApiKeySecret.parse(presented);
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return accept(verified.get(secret.get().digest(), digest -> read(secret.get())));
  }

  /** What memory says about the presented text; never waits on the database. */
  public KeyCheck authenticateFromMemory(String presented) {
    Optional<ApiKeySecret> secret = ApiKeySecret.parse(presented);
    if (secret.isEmpty()) {
      return INVALID;
    }
    Optional<VerifiedKey> key = verified.fresh(secret.get().digest());
    if (key.isEmpty()) {
      return UNKNOWN;
    }
    return accept(key).<KeyCheck>map(KeyCheck.Valid::new).orElse(INVALID);
  }

  private Optional<KeyOwner> accept(Optional<VerifiedKey> key) {
    if (key.isEmpty() || key.get().revoked()) {
      return Optional.empty();
    }
    KeyOwner owner = key.get().owner();
    uses.used(owner.keyId());
    return Optional.of(owner);
  }

  /** The key's row if the secret is right; null for an unknown key or a wrong secret. */
  private VerifiedKey read(ApiKeySecret secret) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                keys.findByPrefix(secret.prefix())
                    .filter(row -> secret.matches(row.secretHash))
                    .map(ApiKeyService::verifiedKey)
                    .orElse(null));
  }

  private VerifiedKey reread(KeyDigest digest, String prefix) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                keys.findByPrefix(prefix)
                    .filter(row -> KeyDigest.of(row.secretHash).equals(digest))
                    .map(ApiKeyService::verifiedKey)
                    .orElse(null));
  }

  private static VerifiedKey verifiedKey(ApiKeyEntity row) {
    return new VerifiedKey(
        new KeyOwner(row.id, row.prefix, Optional.ofNullable(row.tenantId), scopeOf(row)),
        row.revokedAt != null);
  }

  /** An unknown text (a newer node's scope) grants nothing beyond reading. */
  private static KeyScope scopeOf(ApiKeyEntity row) {
    return KeyScope.of(row.scope).orElse(KeyScope.RECORDINGS_READ);
  }

  /**
   * Creates an admin key when none is active, or when asked to replace them, and writes it,
   * readable by the owner only, to {@code file}. Returns whether it created one.
   */
  @Transactional
  public boolean ensureAdminKey(Path file, boolean replaceExisting) {
    keys.lockAdminKeyCreation();
    if (replaceExisting) {
      int revoked = keys.revokeAdminKeys(now());
      TransactionEnd.then(transactions, verified::forgetAll);
      feed.publish(REVOCATIONS, List.of(EVERY_KEY));
      LOG.warnf("voxhost.auth.reset-admin-key: %d admin key(s) revoked", revoked);
    } else if (keys.activeAdminKeyExists()) {
      return false;
    }
    IssuedKey key = issue(null, ADMIN_LABEL, KeyScope.FULL);
    try {
      AtomicFile.at(file).ownerOnly().write((key.key() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin key to " + file, e);
    }
    LOG.infof("Admin API key %s created and written to %s (mode 0600)", key.prefix(), file);
    return true;
  }

  private IssuedKey issue(UUID tenantId, String label, KeyScope scope) {
    ApiKeySecret secret;
    do {
      secret = ApiKeySecret.generate(random);
    } while (keys.findByPrefix(secret.prefix()).isPresent());
    ApiKeyEntity entity = new ApiKeyEntity();
    entity.id = UUID.randomUUID();
    entity.tenantId = tenantId;
    entity.prefix = secret.prefix();
    entity.secretHash = secret.hash();
    entity.label = label;
    entity.scope = scope.text();
    entity.createdAt = now();
    keys.persist(entity);
    return new IssuedKey(secret.reveal(), entity.prefix, entity.label, scope, entity.createdAt);
  }

  private TenantEntity tenantBySlug(String slug) {
    return tenants
        .findBySlug(slug)
        .orElseThrow(() -> new ResourceNotFound(TenantService.noSuchTenant(slug)));
  }

  private ApiKeyEntity ownedKey(UUID tenantId, String prefix) {
    return keys.findByPrefix(prefix)
        .filter(key -> tenantId.equals(key.tenantId))
        .orElseThrow(() -> new ResourceNotFound("no API key with prefix '" + prefix + "'"));
  }

  /** The last use is the later of the stored one and one this node noted but has not written. */
  private ApiKeyInfo info(ApiKeyEntity k) {
    Instant lastUsed = k.lastUsedAt;
    Optional<Instant> noted = uses.unflushedUse(k.id);
    if (noted.isPresent() && (lastUsed == null || noted.get().isAfter(lastUsed))) {
      lastUsed = noted.get();
    }
    return new ApiKeyInfo(k.prefix, k.label, scopeOf(k), k.createdAt, lastUsed, k.revokedAt);
  }

  /** PostgreSQL keeps microseconds; what we answer must equal what we later read back. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
