package io.voxhost.platform.api.admin;

import io.voxhost.platform.service.Tenant;
import java.time.Instant;
import java.util.UUID;

/** A tenant as the API shows it. */
public record TenantView(
    UUID id,
    String slug,
    String name,
    String sipDomain,
    boolean sipRegisterAuth,
    Instant createdAt) {

  public static TenantView of(Tenant t) {
    return new TenantView(
        t.id(), t.slug(), t.name(), t.sipDomain(), t.sipRegisterAuth(), t.createdAt());
  }
}
