package io.voxhost.tftp.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sites in the tftp schema, always within one tenant. */
@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<SiteEntity, UUID> {

  public Optional<SiteEntity> find(UUID tenantId, String name) {
    return find("tenantId = ?1 and name = ?2", tenantId, name).firstResultOptional();
  }

  public List<SiteEntity> all(UUID tenantId) {
    return find("tenantId = ?1 order by name", tenantId).list();
  }
}
