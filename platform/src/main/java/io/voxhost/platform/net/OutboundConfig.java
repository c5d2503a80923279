package io.voxhost.platform.net;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Node-wide rules for where tenants may make the node send HTTP (completion webhooks today, call
 * events tomorrow): the node operator's choice, never a tenant's.
 */
@ConfigMapping(prefix = "voxhost.webhooks")
public interface OutboundConfig {

  /**
   * {@code voxhost.webhooks.allow-private-targets}: let tenants' webhooks reach loopback, private,
   * link-local and other non-public addresses (a lab, or a node whose receivers sit on its own
   * network); the database's own address and port stay refused.
   */
  @WithDefault("false")
  boolean allowPrivateTargets();
}
