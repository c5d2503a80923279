package io.voxhost.platform.service;

import java.time.Instant;

/** What may be shown about a key after its creation: never the secret. */
public record ApiKeyInfo(
    String prefix,
    String label,
    KeyScope scope,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {}
