package io.voxhost.sip.service;

import java.util.UUID;

/** A tenant as the SIP role sees it: its id, SIP domain (also the digest realm) and auth rule. */
public record SipTenant(UUID id, String domain, boolean registerAuth) {}
