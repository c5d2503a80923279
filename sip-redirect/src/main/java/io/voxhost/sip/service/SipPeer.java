package io.voxhost.sip.service;

import io.voxhost.platform.net.IpNetwork;
import java.time.Instant;
import java.util.UUID;

/** A SIP peer a tenant trusts: requests from {@code network} get its users' real answers. */
public record SipPeer(
    UUID id, UUID tenantId, IpNetwork network, String description, Instant createdAt) {}
