package io.voxhost.sip.service;

/**
 * The parameters of a Digest {@code Authorization} header (RFC 7616 section 3.4), as sent: the hash
 * covers the exact strings, so nothing here is normalised.
 */
public record DigestCredentials(
    String username,
    String realm,
    String nonce,
    String uri,
    String response,
    String algorithm,
    String qop,
    String nonceCount,
    String cnonce) {}
