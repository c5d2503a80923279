package io.voxhost.platform.service;

/**
 * A tenant created or changed on this node, fired to transactional observers ({@code during =
 * TransactionPhase.AFTER_SUCCESS}) once it is committed: what a module keeps in memory of a tenant
 * is then current on this node before the change's caller gets its answer. Other nodes learn of it
 * through {@link Tenants#CHANGES}.
 */
public record TenantChanged(Tenant tenant) {}
