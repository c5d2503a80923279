package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.platform.net.DatabaseEndpoints;
import io.voxhost.platform.net.HostResolver;
import io.voxhost.platform.net.OutboundPolicy;
import io.voxhost.platform.net.OutboundTarget;
import io.voxhost.platform.net.TargetRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Where dips may go: public addresses unless {@code voxhost.cnam.allow-private-providers}, checked
 * after resolving on every dip, so a provider's name re-pointed at the node's own network between
 * two dips is refused at the second (DNS rebinding). The one place the policy is made.
 */
@ApplicationScoped
public class ProviderTargets {

  private final HostResolver resolver;
  private final OutboundPolicy policy;

  @Inject
  ProviderTargets(HostResolver resolver, CnamConfig config, DatabaseEndpoints database) {
    // The node's database stays refused even where private providers are allowed.
    this(resolver, database.policy(config.allowPrivateProviders()));
  }

  /** Targets checked under {@code policy} (tests of the client). */
  public ProviderTargets(HostResolver resolver, OutboundPolicy policy) {
    this.resolver = resolver;
    this.policy = policy;
  }

  /** Checks {@code url}, resolving its host now, for one dip. */
  public OutboundTarget check(String url) throws TargetRefused {
    return OutboundTarget.check(url, policy, resolver);
  }
}
