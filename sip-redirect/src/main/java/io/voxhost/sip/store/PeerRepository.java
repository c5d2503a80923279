package io.voxhost.sip.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Trusted SIP peers in the sip schema, always within one tenant. */
@ApplicationScoped
public class PeerRepository implements PanacheRepositoryBase<PeerEntity, UUID> {

  public List<PeerEntity> of(UUID tenantId) {
    return list("tenantId = ?1 order by createdAt, id", tenantId);
  }

  public long countOf(UUID tenantId) {
    return count("tenantId", tenantId);
  }
}
