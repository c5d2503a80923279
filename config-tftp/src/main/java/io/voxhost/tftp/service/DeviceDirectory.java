package io.voxhost.tftp.service;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.voxhost.platform.api.Tenant;
import io.voxhost.platform.api.Tenants;
import io.voxhost.tftp.TftpConfig;
import io.voxhost.tftp.store.DeviceEntity;
import io.voxhost.tftp.store.DeviceRepository;
import io.voxhost.tftp.store.SiteEntity;
import io.voxhost.tftp.store.SiteRepository;
import io.voxhost.tftp.store.TenantSettingsRepository;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Devices as the protocols look them up, by MAC, without waiting on the caller's thread: a miss is
 * read from PostgreSQL on a small bounded pool, and the answer (also "no such device") is kept for
 * {@code voxhost.tftp.device-cache-ttl}. A change made through this node's API is seen at once; one
 * made on another node within the TTL.
 */
@ApplicationScoped
public class DeviceDirectory {

  private final DeviceRepository devices;
  private final SiteRepository sites;
  private final TenantSettingsRepository settings;
  private final Tenants tenants;
  private final ThreadPoolExecutor loaders;
  private final AsyncLoadingCache<MacAddress, Optional<DeviceProfile>> cache;

  DeviceDirectory(
      DeviceRepository devices,
      SiteRepository sites,
      TenantSettingsRepository settings,
      Tenants tenants,
      TftpConfig config) {
    this.devices = devices;
    this.sites = sites;
    this.settings = settings;
    this.tenants = tenants;
    this.loaders =
        new ThreadPoolExecutor(
            4,
            4,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000),
            r -> {
              Thread t = new Thread(r, "voxhost-tftp-devices");
              t.setDaemon(true);
              return t;
            });
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(config.deviceCacheTtl())
            .executor(loaders)
            .buildAsync(this::load);
  }

  /** The device and what its files are made from; empty when no tenant registered the MAC. */
  public CompletableFuture<Optional<DeviceProfile>> find(MacAddress mac) {
    try {
      return cache.get(mac);
    } catch (RuntimeException e) { // the loaders' queue is full
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Drops what is known of {@code mac}, after a change to it. */
  public void forget(MacAddress mac) {
    cache.synchronous().invalidate(mac);
  }

  private Optional<DeviceProfile> load(MacAddress mac) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Optional<DeviceEntity> found = devices.findByIdOptional(mac.value());
              if (found.isEmpty()) {
                return Optional.empty();
              }
              DeviceEntity e = found.get();
              Optional<Tenant> tenant = tenants.byId(e.tenantId);
              if (tenant.isEmpty()) {
                return Optional.empty();
              }
              Map<String, String> variables = new LinkedHashMap<>();
              settings.findByIdOptional(e.tenantId).ifPresent(s -> variables.putAll(s.variables));
              String siteName = null;
              if (e.siteId != null) {
                Optional<SiteEntity> site = sites.findByIdOptional(e.siteId);
                if (site.isPresent()) {
                  variables.putAll(site.get().variables);
                  siteName = site.get().name;
                }
              }
              variables.putAll(e.variables);
              return Optional.of(
                  new DeviceProfile(
                      DeviceService.view(e, siteName),
                      tenant.get().name(),
                      tenant.get().sipDomain(),
                      variables,
                      e.httpUser == null
                          ? null
                          : new DeviceCredentials(e.httpUser, e.httpPasswordHash)));
            });
  }

  @PreDestroy
  void stop() {
    loaders.shutdownNow();
  }
}
