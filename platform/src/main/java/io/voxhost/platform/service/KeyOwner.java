package io.voxhost.platform.service;

import java.util.Optional;
import java.util.UUID;

/** Who an authenticated key speaks for: one tenant, or (no tenant) the platform admin. */
public record KeyOwner(UUID keyId, String prefix, Optional<UUID> tenantId) {

  public boolean isAdmin() {
    return tenantId.isEmpty();
  }
}
