package io.voxhost.sip.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Dial-plan rules in the sip schema, always within one tenant and in order. */
@ApplicationScoped
public class RouteRepository implements PanacheRepositoryBase<RouteEntity, UUID> {

  public List<RouteEntity> ordered(UUID tenantId) {
    return list("tenantId = ?1 order by position", tenantId);
  }

  public long deleteAll(UUID tenantId) {
    return delete("tenantId", tenantId);
  }
}
