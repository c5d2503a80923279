package io.voxhost.cnam.service;

import java.util.UUID;

/** A number a tenant's lookup asks the directories about: the tenant's own, and the platform's. */
public record NumberInTenant(UUID tenant, String e164) {}
