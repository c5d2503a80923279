package io.voxhost.cti.service;

import java.util.UUID;

/** An event and the tenant it belongs to (the key's tenant, never one the event names). */
public record TenantEvent(UUID tenant, CallEvent event) {}
