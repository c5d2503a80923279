package io.voxhost.sip.api;

/**
 * The OpenAPI tag of the SIP role's resources, declared alike on each (the first one read wins).
 */
final class SipTag {

  static final String NAME = "sip";
  static final String DESCRIPTION =
      "The SIP role, for the caller's tenant: its SIP accounts (subscribers), its dial plan"
          + " (routes) and its phones' live registrations.";

  private SipTag() {}
}
