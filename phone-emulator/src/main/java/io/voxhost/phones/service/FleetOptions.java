package io.voxhost.phones.service;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * How a fleet's phones boot and register.
 *
 * @param sipTarget where REGISTERs go instead of the server the file names (an outbound proxy)
 * @param expires the expiry phones ask for, seconds
 * @param fetchConcurrency fetches at once (phones of a boot storm beyond wait their turn)
 */
public record FleetOptions(
    Optional<InetSocketAddress> sipTarget, int expires, int fetchConcurrency) {}
