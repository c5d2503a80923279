package io.voxhost.sip.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.sip.store.PeerEntity;
import io.voxhost.sip.store.PeerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Every tenant's trusted SIP peers, held in memory so that a redirect never waits for the database
 * to learn whether its source is trusted. Read whole when the change feed (re)connects; a tenant's
 * list is read again when this node commits a change to it ({@link PeersChanged}) and when another
 * node announces one on {@link #CHANNEL}.
 *
 * <p>Writers hold the lock while they read the database, so the last write is always the freshest
 * read; readers ({@link #trusts}) take no lock. A tenant whose list could not be read after a
 * change trusts no one until the next read succeeds: a peer deleted must not stay trusted.
 */
@ApplicationScoped
public class PeerDirectory {

  /** The channel peer changes are announced on; a line is a tenant id. */
  public static final String CHANNEL = "voxhost_sip_peer";

  private static final Logger LOG = Logger.getLogger(PeerDirectory.class);

  private final PeerRepository peers;
  private final ChangeFeed feed;
  private volatile Map<UUID, List<IpNetwork>> byTenant = Map.of();

  PeerDirectory(PeerRepository peers, ChangeFeed feed) {
    this.peers = peers;
    this.feed = feed;
  }

  /** Whether {@code source} lies in one of the tenant's trusted networks. */
  public boolean trusts(UUID tenantId, InetAddress source) {
    if (source == null) {
      return false;
    }
    for (IpNetwork network : byTenant.getOrDefault(tenantId, List.of())) {
      if (network.contains(source)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Follows changes through the {@link ChangeFeed} from now on; returns once every tenant's peers
   * are loaded (the role's start waits for this).
   */
  public void follow(Duration timeout) throws InterruptedException {
    feed.subscribe(
            "sip-peers",
            CHANNEL,
            ChangeFeed.Senders.OTHER_NODES,
            this::changedElsewhere,
            this::loadAll)
        .awaitSynchronised(timeout);
  }

  /** This node's own change, once committed: in memory before the API call is answered. */
  void changedHere(@Observes(during = TransactionPhase.AFTER_SUCCESS) PeersChanged change) {
    try {
      reload(change.tenantId());
    } catch (RuntimeException e) {
      forget(change.tenantId());
      LOG.warnf(
          "Could not read the SIP peers of tenant %s after a change; it trusts no one until they"
              + " are read again: %s",
          change.tenantId(), e.toString());
    }
  }

  /** Reads every tenant's peers (the feed runs this when it connects, and after it was away). */
  synchronized void loadAll() {
    Map<UUID, List<IpNetwork>> all =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  Map<UUID, List<IpNetwork>> read = new HashMap<>();
                  for (PeerEntity e : peers.listAll()) {
                    read.computeIfAbsent(e.tenantId, k -> new ArrayList<>())
                        .add(IpNetwork.parse(e.network));
                  }
                  return read;
                });
    Map<UUID, List<IpNetwork>> frozen = new HashMap<>();
    all.forEach((tenant, list) -> frozen.put(tenant, List.copyOf(list)));
    byTenant = Map.copyOf(frozen);
  }

  /** Another node's changes; a failure here makes the feed reconnect and {@link #loadAll}. */
  private void changedElsewhere(List<String> lines) {
    for (String line : lines) {
      UUID tenant;
      try {
        tenant = UUID.fromString(line);
      } catch (IllegalArgumentException e) {
        loadAll();
        return;
      }
      reload(tenant);
    }
  }

  private synchronized void reload(UUID tenantId) {
    List<IpNetwork> list =
        QuarkusTransaction.requiringNew()
            .call(() -> peers.of(tenantId).stream().map(e -> IpNetwork.parse(e.network)).toList());
    Map<UUID, List<IpNetwork>> copy = new HashMap<>(byTenant);
    if (list.isEmpty()) {
      copy.remove(tenantId);
    } else {
      copy.put(tenantId, list);
    }
    byTenant = Map.copyOf(copy);
  }

  private synchronized void forget(UUID tenantId) {
    Map<UUID, List<IpNetwork>> copy = new HashMap<>(byTenant);
    copy.remove(tenantId);
    byTenant = Map.copyOf(copy);
  }
}
