package io.voxhost.phones.service;

import java.util.Optional;

/**
 * A phone asking for one of its files: the name, the User-Agent it says, the address it asks from,
 * and the HTTP credentials it was given (which TFTP has no way to send).
 */
public record FileRequest(
    String name, String userAgent, String address, Optional<Handset.Login> login) {}
