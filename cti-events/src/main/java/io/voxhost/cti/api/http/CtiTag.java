package io.voxhost.cti.api.http;

/** The OpenAPI tag of the cti role's resources, declared alike on each. */
final class CtiTag {

  static final String NAME = "call-events";
  static final String DESCRIPTION =
      "The cti role: call events from our roles and from switches (Asterisk, FreeSWITCH), one"
          + " call record per call, queue and agent figures.";

  static final String TENANT_ONLY =
      "The key is an admin key: these operations act for the key's own tenant.";

  private CtiTag() {}
}
