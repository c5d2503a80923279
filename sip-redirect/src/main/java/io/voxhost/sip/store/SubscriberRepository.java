package io.voxhost.sip.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscribers in the sip schema, always within one tenant. */
@ApplicationScoped
public class SubscriberRepository implements PanacheRepositoryBase<SubscriberEntity, UUID> {

  public Optional<SubscriberEntity> find(UUID tenantId, String username) {
    return find(
            "tenantId = :t and username = :u", Parameters.with("t", tenantId).and("u", username))
        .firstResultOptional();
  }

  /** A page in username order, starting after {@code after} (null for the first page). */
  public List<SubscriberEntity> page(UUID tenantId, String after, int limit) {
    if (after == null) {
      return find("tenantId = ?1 order by username", tenantId).page(0, limit).list();
    }
    return find("tenantId = ?1 and username > ?2 order by username", tenantId, after)
        .page(0, limit)
        .list();
  }
}
