package io.voxhost.platform.service;

import java.time.Instant;

/** A key just created: the only moment its secret is known outside the client. */
public record IssuedKey(
    String key, String prefix, String label, KeyScope scope, Instant createdAt) {}
