package io.voxhost.platform.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

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

  /**
   * Records when keys were last used, in one statement per 1,000 keys; a time older than the one
   * stored (another node's, or a later flush's) is ignored.
   */
  public void recordUses(Map<UUID, Instant> lastUses) {
    List<Map.Entry<UUID, Instant>> entries = List.copyOf(lastUses.entrySet());
    getEntityManager()
        .unwrap(Session.class)
        .doWork(
            c -> {
              try (PreparedStatement update =
                  c.prepareStatement(
                      "update platform.api_key k set last_used_at = u.used_at::timestamptz"
                          + " from unnest(?::text[], ?::text[]) as u(id, used_at)"
                          + " where k.id = u.id::uuid"
                          + " and (k.last_used_at is null"
                          + " or k.last_used_at < u.used_at::timestamptz)")) {
                for (int from = 0; from < entries.size(); from += 1_000) {
                  List<Map.Entry<UUID, Instant>> chunk =
                      entries.subList(from, Math.min(entries.size(), from + 1_000));
                  update.setArray(
                      1,
                      c.createArrayOf(
                          "text", chunk.stream().map(e -> e.getKey().toString()).toArray()));
                  update.setArray(
                      2,
                      c.createArrayOf(
                          "text", chunk.stream().map(e -> e.getValue().toString()).toArray()));
                  update.executeUpdate();
                }
              }
            });
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
