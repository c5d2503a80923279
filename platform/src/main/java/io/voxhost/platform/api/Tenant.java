package io.voxhost.platform.api;

import java.time.Instant;
import java.util.UUID;

/** A business using Voxhost: its id, URL slug, display name and SIP domain. */
public record Tenant(UUID id, String slug, String name, String sipDomain, Instant createdAt) {}
