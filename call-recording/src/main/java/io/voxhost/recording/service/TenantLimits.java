package io.voxhost.recording.service;

/**
 * What an admin allows one tenant's recordings.
 *
 * @param quotaCapBytes the highest quota the tenant may set itself; null for no cap
 * @param maxSessions capture sessions it may have open on a node at once; null for the node's
 *     default ({@code voxhost.recording.max-sessions-per-tenant})
 */
public record TenantLimits(Long quotaCapBytes, Integer maxSessions) {

  public static final TenantLimits NONE = new TenantLimits(null, null);
}
