package io.voxhost.cnam.service;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where tenants' {@link LookupRules} are kept. */
public interface LookupRuleStore {

  Optional<LookupRules> find(UUID tenantId);

  /** Stores the rules and announces the change to every node, in one transaction. */
  void save(UUID tenantId, LookupRules rules);

  /** Every tenant that has rules. */
  Map<UUID, LookupRules> all();
}
