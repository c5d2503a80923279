package io.voxhost.sip.service;

import java.util.UUID;

/** A tenant's trusted peers changed on this node; observed once the change is committed. */
public record PeersChanged(UUID tenantId) {}
