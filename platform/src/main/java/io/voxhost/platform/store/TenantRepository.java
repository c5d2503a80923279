package io.voxhost.platform.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenants in the platform schema. */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, UUID> {

  public Optional<TenantEntity> findBySlug(String slug) {
    return find("slug", slug).firstResultOptional();
  }

  public Optional<TenantEntity> findBySipDomain(String sipDomain) {
    return find("sipDomain", sipDomain).firstResultOptional();
  }

  public boolean slugTaken(String slug) {
    return count("slug", slug) > 0;
  }

  public boolean sipDomainTaken(String sipDomain, UUID except) {
    return count("sipDomain = ?1 and id <> ?2", sipDomain, except) > 0;
  }

  public List<TenantEntity> listBySlug() {
    return list("order by slug");
  }
}
