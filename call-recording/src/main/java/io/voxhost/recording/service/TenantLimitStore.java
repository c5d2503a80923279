package io.voxhost.recording.service;

import java.util.UUID;

/** Tenants' limits as an admin set them; a tenant without a row has {@link TenantLimits#NONE}. */
public interface TenantLimitStore {

  TenantLimits find(UUID tenantId);

  /**
   * Holds the tenant's limits lock until the caller's transaction ends: taken by {@link #save} and
   * by a tenant's settings write before it reads the cap, so the two cannot interleave (a quota
   * checked against the old cap and stored after a new, lower one).
   */
  void lockTenant(UUID tenantId);

  /**
   * Stores the limits and, in the same transaction, brings the tenant's own quota down to the cap
   * (a tenant without a quota, or with a higher one, gets the cap as its quota), so that the quota
   * the sweeps apply is never over the cap.
   */
  void save(UUID tenantId, TenantLimits limits);
}
