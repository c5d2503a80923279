package io.voxhost.sip.service;

import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.service.ResourceConflict;
import io.voxhost.platform.service.ResourceNotFound;
import io.voxhost.sip.store.PeerEntity;
import io.voxhost.sip.store.PeerRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's trusted SIP peers: the source networks (its SBCs and PBXs) whose redirect requests get
 * the real answer for the tenant's users. Changes are announced on commit: to this node through
 * {@link PeersChanged}, to the others through the {@link ChangeFeed}.
 */
@ApplicationScoped
public class PeerService {

  /** Peers one tenant may declare. */
  public static final int MAX_PEERS = 100;

  /** The first key of the advisory locks that serialise one tenant's peer changes. */
  private static final int LOCK_SPACE = 0x5191_9ee5;

  private final PeerRepository peers;
  private final ChangeFeed feed;
  private final Event<PeersChanged> changed;
  private final EntityManager em;

  PeerService(
      PeerRepository peers, ChangeFeed feed, Event<PeersChanged> changed, EntityManager em) {
    this.peers = peers;
    this.feed = feed;
    this.changed = changed;
    this.em = em;
  }

  @Transactional
  public List<SipPeer> list(UUID tenantId) {
    return peers.of(tenantId).stream().map(PeerService::peer).toList();
  }

  @Transactional
  public SipPeer get(UUID tenantId, UUID id) {
    return peer(entity(tenantId, id));
  }

  /**
   * Declares {@code network} trusted for the tenant.
   *
   * @throws ResourceConflict when the tenant has {@link #MAX_PEERS} already or declared this
   *     network before
   */
  @Transactional
  public SipPeer add(UUID tenantId, IpNetwork network, String description) {
    lockTenant(tenantId);
    if (peers.countOf(tenantId) >= MAX_PEERS) {
      throw new ResourceConflict("network", "a tenant may declare at most " + MAX_PEERS + " peers");
    }
    String text = network.toString();
    if (peers.of(tenantId).stream().anyMatch(p -> IpNetwork.parse(p.network).equals(network))) {
      throw new ResourceConflict("network", text + " is declared already");
    }
    PeerEntity e = new PeerEntity();
    e.id = UUID.randomUUID();
    e.tenantId = tenantId;
    e.network = text;
    e.description = description;
    e.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    peers.persist(e);
    announce(tenantId);
    return peer(e);
  }

  @Transactional
  public void delete(UUID tenantId, UUID id) {
    lockTenant(tenantId);
    peers.delete(entity(tenantId, id));
    announce(tenantId);
  }

  /** Concurrent changes of one tenant's peers wait for each other, so the bound holds. */
  private void lockTenant(UUID tenantId) {
    // The two-key form, first key this table's: apart from every single-key lock of the house.
    em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(?1, ?2)) l")
        .setParameter(1, LOCK_SPACE)
        .setParameter(2, tenantId.hashCode())
        .getSingleResult();
  }

  private void announce(UUID tenantId) {
    peers.flush();
    feed.publish(PeerDirectory.CHANNEL, List.of(tenantId.toString()));
    changed.fire(new PeersChanged(tenantId)); // observed after the commit: this node at once
  }

  private PeerEntity entity(UUID tenantId, UUID id) {
    PeerEntity e = peers.findById(id);
    if (e == null || !e.tenantId.equals(tenantId)) {
      throw new ResourceNotFound("no peer " + id);
    }
    return e;
  }

  private static SipPeer peer(PeerEntity e) {
    return new SipPeer(e.id, e.tenantId, IpNetwork.parse(e.network), e.description, e.createdAt);
  }
}
