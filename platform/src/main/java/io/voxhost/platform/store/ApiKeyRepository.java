package io.voxhost.platform.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** API keys in the platform schema. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyEntity, UUID> {

  public Optional<ApiKeyEntity> findByPrefix(String prefix) {
    return find("prefix", prefix).firstResultOptional();
  }

  public List<ApiKeyEntity> listForTenant(UUID tenantId) {
    return list("tenantId = ?1 order by createdAt, prefix", tenantId);
  }

  /** Native SQL: this runs on every start, before anything has warmed up the query parser. */
  public boolean activeAdminKeyExists() {
    Object exists =
        getEntityManager()
            .createNativeQuery(
                "select exists (select 1 from platform.api_key"
                    + " where tenant_id is null and revoked_at is null)")
            .getSingleResult();
    return Boolean.TRUE.equals(exists);
  }

  /** Records use at most once per interval so that busy keys do not write on every request. */
  public void touch(UUID id, Instant now, Instant notUsedSince) {
    update(
        "lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?3)",
        now,
        id,
        notUsedSince);
  }

  public int revokeAdminKeys(Instant now) {
    return update("revokedAt = ?1 where tenantId is null and revokedAt is null", now);
  }

  /** Serialises admin-key creation across nodes that start on one empty database together. */
  public void lockAdminKeyCreation() {
    getEntityManager()
        .createNativeQuery("select pg_advisory_xact_lock(hashtext('voxhost.admin-key'))")
        .getSingleResult();
  }
}
