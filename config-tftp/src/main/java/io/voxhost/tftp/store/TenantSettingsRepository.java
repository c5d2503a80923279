package io.voxhost.tftp.store;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The tenants' provisioning variables. */
@ApplicationScoped
public class TenantSettingsRepository
    implements PanacheRepositoryBase<TenantSettingsEntity, UUID> {}
