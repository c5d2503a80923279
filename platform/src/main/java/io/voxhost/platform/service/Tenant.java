package io.voxhost.platform.service;

import java.time.Instant;
import java.util.UUID;

/**
 * A business using Voxhost: its id, URL slug, display name and SIP domain, and whether its phones
 * must authenticate their REGISTERs.
 */
public record Tenant(
    UUID id,
    String slug,
    String name,
    String sipDomain,
    boolean sipRegisterAuth,
    Instant createdAt) {}
