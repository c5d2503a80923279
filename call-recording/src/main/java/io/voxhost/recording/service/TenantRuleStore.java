package io.voxhost.recording.service;

import java.util.Map;
import java.util.UUID;

/** Tenants' recording rules as stored; a tenant without a row has {@link TenantRules#DEFAULT}. */
public interface TenantRuleStore {

  TenantRules find(UUID tenantId);

  void save(UUID tenantId, TenantRules rules);

  /** Every tenant that limits its recordings, by retention or quota. */
  Map<UUID, TenantRules> limited();
}
