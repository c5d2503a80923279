package io.voxhost.sip.service;

import java.time.Instant;

/** A subscriber as its tenant may see it: everything but the hashes. */
public record SubscriberInfo(
    String username, String displayName, Instant createdAt, Instant updatedAt) {}
