package io.voxhost.recording.service;

import io.voxhost.platform.net.DatabaseEndpoints;
import io.voxhost.platform.net.HostResolver;
import io.voxhost.platform.net.OutboundConfig;
import io.voxhost.platform.net.OutboundPolicy;
import io.voxhost.platform.net.OutboundTarget;
import io.voxhost.platform.net.TargetRefused;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where webhooks may go: the node's {@link OutboundPolicy} (public addresses unless {@code
 * voxhost.webhooks.allow-private-targets}; the node's database never, {@link DatabaseEndpoints}),
 * checked when a tenant saves its URL and again, after resolving, before each send.
 */
@ApplicationScoped
public class WebhookTargets {

  private final HostResolver resolver;
  private final OutboundPolicy policy;

  WebhookTargets(HostResolver resolver, OutboundConfig config, DatabaseEndpoints database) {
    this.resolver = resolver;
    this.policy = database.policy(config.allowPrivateTargets());
  }

  /** Checks {@code url} (resolving its host) for sending now. */
  public OutboundTarget check(String url) throws TargetRefused {
    return OutboundTarget.check(url, policy, resolver);
  }
}
