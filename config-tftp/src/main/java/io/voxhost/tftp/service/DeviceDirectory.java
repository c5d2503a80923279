package io.voxhost.tftp.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.service.Tenant;
import io.voxhost.platform.service.Tenants;
import io.voxhost.tftp.store.DeviceRows;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Devices as the protocols look them up, by MAC, in memory: a boot storm never waits for the
 * database. All devices are read when the role starts; after that every committed change, made on
 * any node, arrives through the {@link ChangeFeed} ({@link #CHANNEL}, and {@link Tenants#CHANGES}
 * for the tenants' names and SIP domains) and the devices it names are read again. After the feed
 * lost its connection every device is read again, so nothing it missed stays. A MAC not in memory
 * is nobody's once every device was read; before that (the database was slow at start), and for a
 * device changed through this node's API until its notice arrives, it is read on a small bounded
 * pool, and its absence is remembered until a change or a reload. A change made through this node's
 * API is forgotten at once ({@link #forget}) and read back when its notice arrives. A device
 * another node creates is found once its notice arrives, a few milliseconds after its commit.
 *
 * <p>Memory changes under one lock, each change counted: a lookup that read the database remembers
 * what it read only if no change came in between, so an old row never overwrites a newer one.
 */
@ApplicationScoped
public class DeviceDirectory {

  /** The channel device changes are announced on; a line is a {@link DeviceChange}. */
  public static final String CHANNEL = "voxhost_tftp_device";

  private static final Logger LOG = Logger.getLogger(DeviceDirectory.class);
  static final int MAX_DEVICES = 200_000;

  /** How long the role's start waits for every device to be in memory. */
  private static final Duration LOAD_WAIT = Duration.ofSeconds(60);

  private final DeviceRows rows;
  private final Tenants tenants;
  private final ChangeFeed feed;
  private final ThreadPoolExecutor loaders;
  private final Map<MacAddress, DeviceProfile> known = new ConcurrentHashMap<>();
  private final Cache<MacAddress, Boolean> absent;
  private final Cache<UUID, Optional<Tenant>> tenantCache;
  private final ReentrantLock changing = new ReentrantLock();

  /** Changes applied to memory so far; written under {@link #changing}. */
  private volatile long changes;

  /**
   * Whether memory holds every device: true once every device was read, so that a MAC not in memory
   * is nobody's and needs no query. A boot storm of phones nobody registered (or that a static tree
   * serves) would otherwise cost a query and two thread hand-offs per phone.
   */
  private volatile boolean complete;

  /** Devices changed through this node's API whose notice has not been applied yet. */
  private final Set<MacAddress> unsure = ConcurrentHashMap.newKeySet();

  /** Tenants whose devices were imported through this node and whose notice is still due. */
  private final Set<UUID> unsureTenants = ConcurrentHashMap.newKeySet();

  DeviceDirectory(DeviceRows rows, Tenants tenants, ChangeFeed feed, RoleThreads threads) {
    this.rows = rows;
    this.tenants = tenants;
    this.feed = feed;
    this.loaders = threads.pool("tftp", "device-loads", 4, 10_000);
    this.absent = Caffeine.newBuilder().maximumSize(MAX_DEVICES).build();
    this.tenantCache = Caffeine.newBuilder().maximumSize(10_000).build();
  }

  /**
   * Follows the changes and reads every device; the role calls it before listening. Should the
   * database be slow, the role starts anyway and devices are read on their first fetch meanwhile.
   */
  public void start() throws InterruptedException {
    // Tenants first: once devices are listened to and loaded, no tenant change can fall between.
    ChangeFeed.Subscription tenantNotices =
        feed.subscribe(
            "tftp-devices",
            Tenants.CHANGES,
            ChangeFeed.Senders.EVERY_NODE,
            this::tenantsChanged,
            this::forgetTenants);
    ChangeFeed.Subscription deviceNotices =
        feed.subscribe(CHANNEL, ChangeFeed.Senders.EVERY_NODE, this::devicesChanged, this::reload);
    try {
      tenantNotices.awaitSynchronised(LOAD_WAIT);
      deviceNotices.awaitSynchronised(LOAD_WAIT);
    } catch (IllegalStateException e) {
      LOG.warnf("Devices not in memory yet (each is read on its first fetch): %s", e.getMessage());
    }
  }

  /** The device and what its files are made from; empty when no tenant registered the MAC. */
  public CompletableFuture<Optional<DeviceProfile>> find(MacAddress mac) {
    DeviceProfile profile = known.get(mac);
    if (profile != null) {
      return CompletableFuture.completedFuture(Optional.of(profile));
    }
    if (absent.getIfPresent(mac) != null
        || (complete && unsureTenants.isEmpty() && !unsure.contains(mac))) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    try {
      return CompletableFuture.supplyAsync(() -> load(mac), loaders);
    } catch (RuntimeException e) { // the loaders' queue is full
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Reads every device again and forgets cached absences and tenants: after the feed reconnected,
   * and on a role reload.
   *
   * @throws DatabaseFailure when the devices cannot be read; memory keeps what it had
   */
  public void reload() {
    changing.lock();
    try {
      long start = System.nanoTime();
      changes++;
      absent.invalidateAll();
      tenantCache.invalidateAll();
      List<DeviceRows.Row> all = rows.all(MAX_DEVICES);
      Set<MacAddress> seen = new HashSet<>();
      for (DeviceRows.Row row : all) {
        seen.add(put(row));
      }
      known.keySet().removeIf(mac -> !seen.contains(mac));
      unsure.clear();
      unsureTenants.clear();
      complete = all.size() < MAX_DEVICES;
      LOG.debugf(
          "%d device(s) in memory in %d ms",
          all.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } finally {
      changing.unlock();
    }
  }

  /**
   * Drops what memory holds of the changed devices once their transaction ended, so that this
   * node's next lookup reads them; the change's notice then reads them back into memory.
   */
  public void forget(Collection<DeviceChange> changed) {
    changing.lock();
    try {
      changes++;
      for (DeviceChange change : changed) {
        if (change instanceof DeviceChange.OneDevice one) {
          known.remove(one.mac());
          absent.invalidate(one.mac());
          unsure.add(one.mac());
        } else if (change instanceof DeviceChange.TenantDevices all) {
          known.values().removeIf(p -> p.device().tenantId().equals(all.tenantId()));
          absent.invalidateAll(); // an import may have added any MAC
          unsureTenants.add(all.tenantId());
        }
      }
    } finally {
      changing.unlock();
    }
  }

  /** A notice on {@link #CHANNEL}: reads the devices it names again. */
  private void devicesChanged(List<String> lines) {
    List<DeviceChange> changed = new ArrayList<>();
    for (String line : lines) {
      Optional<DeviceChange> change = DeviceChange.parse(line);
      if (change.isEmpty()) {
        LOG.debugf("Unreadable device change '%s': every device is read again", line);
        reload();
        return;
      }
      changed.add(change.get());
    }
    apply(changed, Set.of());
  }

  /** A notice on {@link Tenants#CHANGES}: the tenants' devices are read again with them. */
  private void tenantsChanged(List<String> lines) {
    Set<UUID> ids = new HashSet<>();
    for (String line : lines) {
      try {
        ids.add(UUID.fromString(line));
      } catch (IllegalArgumentException e) {
        LOG.debugf("Unreadable tenant change '%s': every device is read again", line);
        reload();
        return;
      }
    }
    apply(ids.stream().<DeviceChange>map(DeviceChange.TenantDevices::new).toList(), ids);
  }

  /** What was read of tenants may be older than a change the feed missed. */
  private void forgetTenants() {
    changing.lock();
    try {
      changes++;
      tenantCache.invalidateAll();
    } finally {
      changing.unlock();
    }
  }

  /**
   * Reads the changed devices from the database into memory, with the tenants in {@code
   * tenantsChanged} read afresh. A failure reaches the feed, which reconnects and reloads.
   */
  private void apply(List<DeviceChange> changed, Set<UUID> tenantsChanged) {
    changing.lock();
    try {
      changes++;
      tenantsChanged.forEach(tenantCache::invalidate);
      Set<MacAddress> macs = new HashSet<>();
      Set<UUID> wholeTenants = new HashSet<>();
      for (DeviceChange change : changed) {
        if (change instanceof DeviceChange.OneDevice one) {
          macs.add(one.mac());
        } else if (change instanceof DeviceChange.TenantDevices all) {
          wholeTenants.add(all.tenantId());
        }
      }
      if (!macs.isEmpty()) {
        Set<MacAddress> found = new HashSet<>();
        for (DeviceRows.Row row : rows.find(macs.stream().map(MacAddress::value).toList())) {
          found.add(put(row));
        }
        for (MacAddress mac : macs) {
          if (!found.contains(mac)) {
            known.remove(mac);
            absent.invalidate(mac);
          }
        }
        unsure.removeAll(macs);
      }
      for (UUID tenantId : wholeTenants) {
        Set<MacAddress> found = new HashSet<>();
        for (DeviceRows.Row row : rows.ofTenant(tenantId, MAX_DEVICES)) {
          found.add(put(row));
        }
        known
            .entrySet()
            .removeIf(
                e ->
                    e.getValue().device().tenantId().equals(tenantId)
                        && !found.contains(e.getKey()));
        unsureTenants.remove(tenantId);
      }
    } finally {
      changing.unlock();
    }
  }

  /** A lookup of a MAC not in memory, on a loader thread. */
  private Optional<DeviceProfile> load(MacAddress mac) {
    long asOf = changes;
    try {
      Optional<DeviceProfile> profile = rows.find(mac.value()).flatMap(this::profile);
      remember(mac, profile, asOf);
      return profile;
    } catch (DatabaseFailure e) {
      throw new IllegalStateException("device " + mac + " cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Keeps what a lookup read, unless a change came since it began (its read may predate it) or one
   * is being applied now: the next lookup reads again.
   */
  private void remember(MacAddress mac, Optional<DeviceProfile> profile, long asOf) {
    if (!changing.tryLock()) {
      return;
    }
    try {
      if (changes != asOf) {
        return;
      }
      if (profile.isPresent()) {
        known.put(mac, profile.get());
      } else {
        absent.put(mac, Boolean.TRUE);
      }
    } finally {
      changing.unlock();
    }
  }

  private MacAddress put(DeviceRows.Row row) {
    MacAddress mac = new MacAddress(row.device().mac);
    Optional<DeviceProfile> profile = profile(row);
    if (profile.isPresent()) {
      known.put(mac, profile.get());
      absent.invalidate(mac);
    } else {
      known.remove(mac);
    }
    return mac;
  }

  private Optional<DeviceProfile> profile(DeviceRows.Row row) {
    Optional<Tenant> tenant = tenantCache.get(row.device().tenantId, tenants::byId);
    if (tenant.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DeviceProfile(
            DeviceService.view(row.device(), row.siteName()),
            tenant.get().name(),
            tenant.get().sipDomain(),
            row.variables(),
            new DeviceAccess(
                FetchPolicy.of(row.fetchPolicy()).orElse(FetchPolicy.DEFAULT),
                row.networks().stream().map(IpNetwork::parse).toList(),
                row.device().httpUser == null
                    ? null
                    : new DeviceCredentials(
                        row.device().httpUser, row.device().httpPasswordHash))));
  }

  @PreDestroy
  void shutdown() {
    loaders.shutdownNow();
  }
}
