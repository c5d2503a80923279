package io.voxhost.platform.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant directory as other modules see it (SIP picks a tenant by the request's domain). */
public interface Tenants {

  /**
   * The {@code ChangeFeed} channel a tenant's change (name, SIP domain, REGISTER authentication) is
   * announced on, in the changing transaction; a line is the tenant's id. Modules that keep what
   * they read of a tenant follow it.
   */
  String CHANGES = "voxhost_platform_tenant";

  Optional<Tenant> byId(UUID id);

  /** Every tenant, in slug order. */
  List<Tenant> all();

  Optional<Tenant> bySlug(String slug);

  /** The tenant whose SIP domain this is, compared case-insensitively. */
  Optional<Tenant> bySipDomain(String sipDomain);
}
