package io.voxhost.platform.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.files.AtomicFile;
import io.voxhost.platform.store.ApiKeyEntity;
import io.voxhost.platform.store.ApiKeyRepository;
import io.voxhost.platform.store.TenantEntity;
import io.voxhost.platform.store.TenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Issues, verifies, lists and revokes API keys. */
@ApplicationScoped
public class ApiKeyService {

  private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  static final String ADMIN_LABEL = "admin (first start)";

  private final ApiKeyRepository keys;
  private final TenantRepository tenants;
  private final SecureRandom random = new SecureRandom();
  private final Cache<String, StoredKey> verified;

  ApiKeyService(ApiKeyRepository keys, TenantRepository tenants, VoxhostConfig config) {
    this.keys = keys;
    this.tenants = tenants;
    this.verified =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(config.auth().keyCacheTtl())
            .build();
  }

  @Transactional
  public IssuedKey issueForTenant(String slug, String label) {
    return issue(tenantBySlug(slug).id, label);
  }

  @Transactional
  public List<ApiKeyInfo> listForTenant(UUID tenantId) {
    return keys.listForTenant(tenantId).stream().map(ApiKeyService::info).toList();
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
    verified.invalidate(prefix);
    return info(key);
  }

  @Transactional
  public ApiKeyInfo revoke(String slug, String prefix) {
    return revoke(tenantBySlug(slug).id, prefix);
  }

  /** The key's owner if the presented text is a live key. */
  public Optional<KeyOwner> authenticate(String presented) {
    Optional<ApiKeySecret> secret = ApiKeySecret.parse(presented);
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    String prefix = secret.get().prefix();
    StoredKey stored = verified.getIfPresent(prefix);
    if (stored == null) {
      stored = QuarkusTransaction.requiringNew().call(() -> load(prefix));
      if (stored == null) {
        return Optional.empty();
      }
      verified.put(prefix, stored);
    }
    if (stored.revoked() || !secret.get().matches(stored.hash())) {
      return Optional.empty();
    }
    touch(stored);
    return Optional.of(new KeyOwner(stored.id(), prefix, Optional.ofNullable(stored.tenantId())));
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
      verified.invalidateAll();
      LOG.warnf("voxhost.auth.reset-admin-key: %d admin key(s) revoked", revoked);
    } else if (keys.activeAdminKeyExists()) {
      return false;
    }
    IssuedKey key = issue(null, ADMIN_LABEL);
    try {
      AtomicFile.at(file).ownerOnly().write((key.key() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin key to " + file, e);
    }
    LOG.infof("Admin API key %s created and written to %s (mode 0600)", key.prefix(), file);
    return true;
  }

  private IssuedKey issue(UUID tenantId, String label) {
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
    entity.createdAt = now();
    keys.persist(entity);
    return new IssuedKey(secret.reveal(), entity.prefix, entity.label, entity.createdAt);
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

  private StoredKey load(String prefix) {
    return keys.findByPrefix(prefix)
        .map(k -> new StoredKey(k.id, k.tenantId, k.secretHash, k.revokedAt != null, k.lastUsedAt))
        .orElse(null);
  }

  private void touch(StoredKey stored) {
    Instant now = now();
    if (!stored.claimTouch(now, TOUCH_INTERVAL)) {
      return;
    }
    try {
      QuarkusTransaction.requiringNew()
          .run(() -> keys.touch(stored.id(), now, now.minus(TOUCH_INTERVAL)));
    } catch (RuntimeException e) {
      LOG.debugf("last-used time of key %s not recorded: %s", stored.id(), e.getMessage());
    }
  }

  private static ApiKeyInfo info(ApiKeyEntity k) {
    return new ApiKeyInfo(k.prefix, k.label, k.createdAt, k.lastUsedAt, k.revokedAt);
  }

  /** PostgreSQL keeps microseconds; what we answer must equal what we later read back. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
