package io.voxhost.tftp.api;

/**
 * The OpenAPI tag of the tftp role's resources, declared alike on each (the first one read wins).
 */
final class ProvisioningTag {

  static final String NAME = "provisioning";
  static final String DESCRIPTION =
      "The tftp role: the caller's phones (the device registry their files are generated from),"
          + " the variables they inherit from the tenant and their sites, and the audit of their"
          + " fetches; and, for phones, the provisioning files themselves over HTTP.";

  private ProvisioningTag() {}
}
