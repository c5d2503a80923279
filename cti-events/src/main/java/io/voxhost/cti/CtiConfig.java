package io.voxhost.cti;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the {@code cti} role (call events, call records, figures). */
@ConfigMapping(prefix = "voxhost.cti")
public interface CtiConfig {

  /**
   * {@code voxhost.cti.queue}: events waiting to be written on this node, all tenants; past it a
   * sender is told to send again later (HTTP 503), nothing is dropped silently.
   */
  @WithDefault("200000")
  int queue();

  /**
   * {@code voxhost.cti.tenant-queue}: one tenant's events waiting to be written; past it that
   * tenant is told to send again later (HTTP 429), nobody else is.
   */
  @WithDefault("50000")
  int tenantQueue();

  /** {@code voxhost.cti.max-batch}: events written in one transaction at most. */
  @WithDefault("20000")
  int maxBatch();

  /** {@code voxhost.cti.max-request}: events one HTTP request may carry. */
  @WithDefault("10000")
  int maxRequest();
}
