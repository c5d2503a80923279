package io.voxhost.cnam.service;

import io.voxhost.cnam.CnamConfig;
import io.voxhost.platform.net.HostResolver;
import io.voxhost.platform.net.OutboundPolicy;
import io.voxhost.platform.net.OutboundTarget;
import io.voxhost.platform.net.TargetRefused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

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
  ProviderTargets(HostResolver resolver, CnamConfig config) {
    // The database's endpoints join the forbidden list once platform.net offers them (recording's
    // WebhookTargets.databaseEndpoints is being moved there); until then none.
    this(resolver, new OutboundPolicy(config.allowPrivateProviders(), List.of()));
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
