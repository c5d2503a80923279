package io.voxhost.platform.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant directory as other modules see it (SIP picks a tenant by the request's domain). */
public interface Tenants {

  Optional<Tenant> byId(UUID id);

  /** Every tenant, in slug order. */
  List<Tenant> all();

  Optional<Tenant> bySlug(String slug);

  /** The tenant whose SIP domain this is, compared case-insensitively. */
  Optional<Tenant> bySipDomain(String sipDomain);
}
