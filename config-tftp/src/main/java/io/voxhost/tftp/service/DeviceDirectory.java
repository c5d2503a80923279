package io.voxhost.tftp.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.service.Tenant;
import io.voxhost.platform.service.Tenants;
import io.voxhost.tftp.TftpConfig;
import io.voxhost.tftp.store.DeviceRows;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Devices as the protocols look them up, by MAC, in memory: a boot storm never waits for the
 * database. All devices are read when the role starts; every {@code device-cache-ttl} the rows
 * changed since (a device, or its site's or tenant's variables) are read again, and every {@value
 * #FULL_RELOAD_EVERY} rounds all of them, which also drops devices deleted on another node. A MAC
 * not in memory is read on a small bounded pool, and its absence is remembered for the TTL. A
 * change made through this node's API is seen at once.
 */
@ApplicationScoped
public class DeviceDirectory {

  private static final Logger LOG = Logger.getLogger(DeviceDirectory.class);
  static final int MAX_DEVICES = 200_000;
  static final int FULL_RELOAD_EVERY = 12;

  private final DeviceRows rows;
  private final Tenants tenants;
  private final Duration ttl;
  private final ThreadPoolExecutor loaders;
  private final Map<MacAddress, DeviceProfile> known = new ConcurrentHashMap<>();
  private final Cache<MacAddress, Boolean> absent;
  private final Cache<UUID, Optional<Tenant>> tenantCache;
  private final RoleThreads threads;
  private ScheduledExecutorService refresher;
  private Instant watermark = Instant.EPOCH;
  private int rounds;

  DeviceDirectory(DeviceRows rows, Tenants tenants, TftpConfig config, RoleThreads threads) {
    this.rows = rows;
    this.threads = threads;
    this.tenants = tenants;
    this.ttl = config.deviceCacheTtl();
    this.loaders = threads.pool("tftp", "device-loads", 4, 10_000);
    this.absent = Caffeine.newBuilder().maximumSize(MAX_DEVICES).expireAfterWrite(ttl).build();
    this.tenantCache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
  }

  /** Reads every device and keeps them fresh from now on; the role calls it before listening. */
  public synchronized void start() {
    reloadAll();
    if (refresher == null) {
      refresher = threads.timer("tftp", "device-refresh", 1);
      long every = Math.max(100, ttl.toMillis());
      refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }
  }

  public synchronized void stop() {
    if (refresher != null) {
      refresher.shutdownNow();
      refresher = null;
    }
  }

  /** The device and what its files are made from; empty when no tenant registered the MAC. */
  public CompletableFuture<Optional<DeviceProfile>> find(MacAddress mac) {
    DeviceProfile profile = known.get(mac);
    if (profile != null) {
      return CompletableFuture.completedFuture(Optional.of(profile));
    }
    if (absent.getIfPresent(mac) != null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    try {
      return CompletableFuture.supplyAsync(() -> load(mac), loaders);
    } catch (RuntimeException e) { // the loaders' queue is full
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Reads every device again soon and forgets cached absences and tenants (a role reload), on the
   * refresh thread so that it never runs beside a refresh.
   */
  public synchronized void reloadNow() {
    absent.invalidateAll();
    tenantCache.invalidateAll();
    if (refresher != null) {
      refresher.execute(this::reloadAll);
    }
  }

  /** Drops what is known of {@code mac}, after a change to it; the next fetch reads it again. */
  public void forget(MacAddress mac) {
    known.remove(mac);
    absent.invalidate(mac);
  }

  private Optional<DeviceProfile> load(MacAddress mac) {
    try {
      Optional<DeviceProfile> profile = rows.find(mac.value()).flatMap(this::profile);
      if (profile.isPresent()) {
        known.put(mac, profile.get());
      } else {
        absent.put(mac, Boolean.TRUE);
      }
      return profile;
    } catch (DatabaseFailure e) {
      throw new IllegalStateException("device " + mac + " cannot be read: " + e.getMessage(), e);
    }
  }

  private void refresh() {
    try {
      if (++rounds % FULL_RELOAD_EVERY == 0) {
        reloadAll();
        return;
      }
      Instant since = watermark;
      Instant next = Instant.now().minusSeconds(1); // rows committed while we read come again
      for (DeviceRows.Row row : rows.changedSince(since)) {
        put(row);
      }
      watermark = next;
    } catch (RuntimeException e) {
      LOG.warnf("Devices not refreshed (the last known are served): %s", e.getMessage());
    }
  }

  private void reloadAll() {
    long start = System.nanoTime();
    Instant next = Instant.now().minusSeconds(1);
    try {
      List<DeviceRows.Row> all = rows.all(MAX_DEVICES);
      Map<MacAddress, Boolean> seen = new ConcurrentHashMap<>();
      for (DeviceRows.Row row : all) {
        seen.put(put(row), Boolean.TRUE);
      }
      known.keySet().removeIf(mac -> !seen.containsKey(mac));
      watermark = next;
      LOG.debugf(
          "%d device(s) in memory in %d ms",
          all.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    } catch (DatabaseFailure e) {
      LOG.warnf("Devices not loaded (each is read on its first fetch): %s", e.getMessage());
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
            row.device().httpUser == null
                ? null
                : new DeviceCredentials(row.device().httpUser, row.device().httpPasswordHash)));
  }

  @PreDestroy
  void shutdown() {
    stop();
    loaders.shutdownNow();
  }
}
