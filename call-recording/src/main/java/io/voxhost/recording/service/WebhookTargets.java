package io.voxhost.recording.service;

import io.voxhost.platform.net.HostResolver;
import io.voxhost.platform.net.OutboundConfig;
import io.voxhost.platform.net.OutboundPolicy;
import io.voxhost.platform.net.OutboundTarget;
import io.voxhost.platform.net.TargetRefused;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where webhooks may go: the node's {@link OutboundPolicy} (public addresses unless {@code
 * voxhost.webhooks.allow-private-targets}; the node's database never), checked when a tenant saves
 * its URL and again, after resolving, before each send.
 */
@ApplicationScoped
public class WebhookTargets {

  private static final Logger LOG = Logger.getLogger(WebhookTargets.class);

  private final HostResolver resolver;
  private final OutboundPolicy policy;

  WebhookTargets(
      HostResolver resolver,
      OutboundConfig config,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> database) {
    this.resolver = resolver;
    this.policy = new OutboundPolicy(config.allowPrivateTargets(), databaseEndpoints(database));
  }

  /** Checks {@code url} (resolving its host) for sending now. */
  public OutboundTarget check(String url) throws TargetRefused {
    return OutboundTarget.check(url, policy, resolver);
  }

  /**
   * The database's own address, so that no tenant makes the node speak HTTP to it even where
   * private targets are allowed; resolved once at start (it is the operator's name, not a
   * tenant's).
   */
  private static List<InetSocketAddress> databaseEndpoints(Optional<String> jdbcUrl) {
    List<InetSocketAddress> out = new ArrayList<>();
    if (jdbcUrl.isEmpty() || !jdbcUrl.get().startsWith("jdbc:postgresql://")) {
      return out;
    }
    try {
      URI uri = URI.create(jdbcUrl.get().substring("jdbc:".length()));
      String host = uri.getHost() == null ? "localhost" : uri.getHost();
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = uri.getPort() == -1 ? 5432 : uri.getPort();
      for (InetAddress a : InetAddress.getAllByName(host)) {
        out.add(new InetSocketAddress(a, port));
      }
    } catch (IllegalArgumentException | UnknownHostException e) {
      LOG.debugf("The database's address is not known to the webhook check: %s", e.toString());
    }
    return out;
  }
}
