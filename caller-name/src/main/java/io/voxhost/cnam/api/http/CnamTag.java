package io.voxhost.cnam.api.http;

/** The OpenAPI tag of the cnam role's resources, declared alike on each. */
final class CnamTag {

  static final String NAME = "caller-names";
  static final String DESCRIPTION =
      "The cnam role: a caller's name looked up while the phone rings, from the tenant's"
          + " subscribers, its directory, the platform's directory and cached upstream providers,"
          + " within a time budget; the tenant's settings, directory and counted dips.";

  static final String TENANT_ONLY =
      "The key is an admin key: these operations act for the key's own tenant.";

  private CnamTag() {}
}
