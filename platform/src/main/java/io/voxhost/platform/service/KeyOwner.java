package io.voxhost.platform.service;

import java.util.Optional;
import java.util.UUID;

/**
 * Who an authenticated key speaks for: one tenant, or (no tenant) the platform admin; and what the
 * key may do there.
 */
public record KeyOwner(UUID keyId, String prefix, Optional<UUID> tenantId, KeyScope scope) {

  public boolean isAdmin() {
    return tenantId.isEmpty();
  }
}
