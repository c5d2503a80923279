package io.voxhost.tftp.service;

import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.ResourceNotFound;
import io.voxhost.tftp.store.DeviceEntity;
import io.voxhost.tftp.store.DeviceRepository;
import io.voxhost.tftp.store.SiteEntity;
import io.voxhost.tftp.store.SiteRepository;
import io.voxhost.tftp.store.TenantSettingsEntity;
import io.voxhost.tftp.store.TenantSettingsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The variables devices inherit: a tenant's, then a site's (a device's own win over both). A change
 * here is announced for every device of the site (or the whole tenant) in its transaction, so that
 * every node's {@link DeviceDirectory} reads them back.
 */
@ApplicationScoped
public class SiteService {

  private static final Pattern SITE = Pattern.compile("[A-Za-z0-9._ -]{1,64}");

  private final SiteRepository sites;
  private final TenantSettingsRepository settings;
  private final DeviceRepository devices;
  private final DeviceChanges changes;

  SiteService(
      SiteRepository sites,
      TenantSettingsRepository settings,
      DeviceRepository devices,
      DeviceChanges changes) {
    this.sites = sites;
    this.settings = settings;
    this.devices = devices;
    this.changes = changes;
  }

  /** A site and its variables. */
  public record Site(String name, Map<String, String> variables) {}

  @Transactional
  public List<Site> sites(UUID tenantId) {
    return sites.all(tenantId).stream().map(s -> new Site(s.name, s.variables)).toList();
  }

  /** Creates or replaces the site {@code name}. */
  @Transactional
  public Site put(UUID tenantId, String name, Map<String, String> variables) {
    if (name == null || !SITE.matcher(name).matches()) {
      throw new InvalidInput(
          "the site is not valid",
          List.of(
              new InvalidInput.FieldProblem(
                  "name", "must be 1-64 letters, digits, spaces or . _ -")));
    }
    check(variables);
    SiteEntity site =
        sites
            .find(tenantId, name)
            .orElseGet(
                () -> {
                  SiteEntity s = new SiteEntity();
                  s.id = UUID.randomUUID();
                  s.tenantId = tenantId;
                  s.name = name;
                  s.createdAt = Instant.now();
                  return s;
                });
    site.variables = new LinkedHashMap<>(variables);
    site.updatedAt = Instant.now();
    if (!sites.isPersistent(site)) {
      sites.persist(site);
    }
    announceDevicesOf(site);
    return new Site(site.name, site.variables);
  }

  @Transactional
  public void delete(UUID tenantId, String name) {
    SiteEntity site =
        sites.find(tenantId, name).orElseThrow(() -> new ResourceNotFound("no site " + name));
    announceDevicesOf(site); // listed before the delete takes them out of the site
    sites.delete(site);
  }

  @Transactional
  public Map<String, String> tenantVariables(UUID tenantId) {
    return settings.findByIdOptional(tenantId).map(s -> s.variables).orElse(Map.of());
  }

  @Transactional
  public Map<String, String> putTenantVariables(UUID tenantId, Map<String, String> variables) {
    check(variables);
    TenantSettingsEntity s =
        settings
            .findByIdOptional(tenantId)
            .orElseGet(
                () -> {
                  TenantSettingsEntity e = new TenantSettingsEntity();
                  e.tenantId = tenantId;
                  return e;
                });
    s.variables = new LinkedHashMap<>(variables);
    s.updatedAt = Instant.now();
    if (!settings.isPersistent(s)) {
      settings.persist(s);
    }
    changes.announce(List.of(new DeviceChange.TenantDevices(tenantId)));
    return s.variables;
  }

  private static void check(Map<String, String> variables) {
    DeviceSpec probe =
        new DeviceSpec(
            "000000000000", "cisco", "probe", null, null, null, List.of(), variables, null, null);
    List<InvalidInput.FieldProblem> problems =
        DeviceRules.check(probe, false).stream()
            .filter(p -> p.field().startsWith("variables"))
            .toList();
    if (!problems.isEmpty()) {
      throw new InvalidInput("the variables are not valid", problems);
    }
  }

  private void announceDevicesOf(SiteEntity site) {
    List<DeviceChange> changed = new ArrayList<>();
    for (DeviceEntity d : devices.find("siteId = ?1", site.id).list()) {
      changed.add(new DeviceChange.OneDevice(new MacAddress(d.mac)));
    }
    changes.announce(changed);
  }
}
