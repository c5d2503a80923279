package io.voxhost.tftp.service;

import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.ResourceConflict;
import io.voxhost.platform.service.ResourceNotFound;
import io.voxhost.tftp.store.DeviceEntity;
import io.voxhost.tftp.store.DeviceRepository;
import io.voxhost.tftp.store.SiteRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The device registry of each tenant. Every change is announced through {@link DeviceChanges} in
 * its transaction, so that every node's {@link DeviceDirectory} reads it back.
 */
@ApplicationScoped
public class DeviceService {

  private final DeviceRepository devices;
  private final SiteRepository sites;
  private final DeviceChanges changes;

  DeviceService(DeviceRepository devices, SiteRepository sites, DeviceChanges changes) {
    this.devices = devices;
    this.sites = sites;
    this.changes = changes;
  }

  @Transactional
  public Device create(UUID tenantId, DeviceSpec spec) {
    List<InvalidInput.FieldProblem> problems = DeviceRules.check(spec, false);
    if (!problems.isEmpty()) {
      throw new InvalidInput("the device is not valid", problems);
    }
    MacAddress mac = MacAddress.parse(spec.mac()).orElseThrow();
    if (devices.findByIdOptional(mac.value()).isPresent()) {
      // A MAC is one phone: it may belong to one tenant only. Saying so reveals no content.
      throw new ResourceConflict("mac", "a device with MAC " + mac.colons() + " is registered");
    }
    DeviceEntity e = new DeviceEntity();
    e.mac = mac.value();
    e.tenantId = tenantId;
    e.createdAt = now();
    apply(e, spec, siteId(tenantId, spec.site()));
    devices.persist(e);
    changes.announce(mac);
    return view(e, spec.site());
  }

  /**
   * One row of an import: the device and how many of the import's columns the row carried.
   * Re-importing a device changes only those: its variables and HTTP credentials, which no import
   * carries, and any column past the row's end stay as they were (an import that cleared them made
   * a device that needed credentials public).
   */
  public record ImportedDevice(DeviceSpec spec, int columns) {}

  /** Stores many at once, inside the caller's transaction; their rows are already checked. */
  @Transactional
  public int createAll(UUID tenantId, List<ImportedDevice> rows) {
    Map<String, UUID> siteIds = new HashMap<>();
    for (ImportedDevice row : rows) {
      DeviceSpec spec = row.spec();
      MacAddress mac = MacAddress.parse(spec.mac()).orElseThrow();
      Optional<DeviceEntity> existing = devices.findByIdOptional(mac.value());
      if (existing.isPresent() && !existing.get().tenantId.equals(tenantId)) {
        throw new ResourceConflict("mac", "a device with MAC " + mac.colons() + " is registered");
      }
      DeviceEntity e = existing.orElseGet(DeviceEntity::new);
      if (existing.isEmpty()) {
        e.mac = mac.value();
        e.tenantId = tenantId;
        e.createdAt = now();
      }
      UUID site =
          spec.site() == null
              ? null
              : siteIds.computeIfAbsent(spec.site(), name -> siteId(tenantId, name));
      if (existing.isEmpty()) {
        apply(e, spec, site);
        devices.persist(e);
      } else {
        update(e, spec, site, row.columns());
      }
    }
    // One line for the whole import rather than one per device.
    changes.announce(List.of(new DeviceChange.TenantDevices(tenantId)));
    return rows.size();
  }

  /** An import's row over a device it already has: only the columns the row carried. */
  private static void update(DeviceEntity e, DeviceSpec spec, UUID siteId, int columns) {
    DeviceSpec merged =
        new DeviceSpec(
            spec.mac(),
            spec.vendor(),
            spec.model(),
            null,
            columns > 4 ? spec.timeZone() : e.timeZone,
            columns > 5 ? spec.language() : e.language,
            columns > 6
                ? spec.lines()
                : e.lines.stream()
                    .map(
                        l -> new Device.Line(l.user(), l.displayName(), l.authUser(), l.password()))
                    .toList(),
            e.variables,
            e.httpUser,
            null); // null keeps the stored hash
    apply(e, merged, columns > 3 ? siteId : e.siteId);
  }

  @Transactional
  public Device replace(UUID tenantId, String macText, DeviceSpec spec) {
    DeviceEntity e = entity(tenantId, macText);
    List<InvalidInput.FieldProblem> problems = DeviceRules.check(spec, true);
    if (!problems.isEmpty()) {
      throw new InvalidInput("the device is not valid", problems);
    }
    apply(e, spec, siteId(tenantId, spec.site()));
    changes.announce(new MacAddress(e.mac));
    return view(e, spec.site());
  }

  @Transactional
  public void delete(UUID tenantId, String macText) {
    DeviceEntity e = entity(tenantId, macText);
    devices.delete(e);
    changes.announce(new MacAddress(e.mac));
  }

  @Transactional
  public Device get(UUID tenantId, String macText) {
    DeviceEntity e = entity(tenantId, macText);
    return view(e, siteName(e.siteId));
  }

  @Transactional
  public List<Device> page(UUID tenantId, String after, int limit) {
    String from =
        after == null ? null : MacAddress.parse(after).map(MacAddress::value).orElse(after);
    Map<UUID, String> names = new HashMap<>();
    sites.all(tenantId).forEach(s -> names.put(s.id, s.name));
    return devices.page(tenantId, from, limit).stream()
        .map(e -> view(e, e.siteId == null ? null : names.get(e.siteId)))
        .toList();
  }

  private DeviceEntity entity(UUID tenantId, String macText) {
    return MacAddress.parse(macText)
        .flatMap(mac -> devices.find(tenantId, mac.value()))
        .orElseThrow(() -> new ResourceNotFound("no device with MAC " + macText));
  }

  private UUID siteId(UUID tenantId, String site) {
    if (site == null) {
      return null;
    }
    return sites
        .find(tenantId, site)
        .map(s -> s.id)
        .orElseThrow(
            () ->
                new InvalidInput(
                    "the device is not valid",
                    List.of(new InvalidInput.FieldProblem("site", "no site named " + site))));
  }

  private String siteName(UUID siteId) {
    return siteId == null ? null : sites.findByIdOptional(siteId).map(s -> s.name).orElse(null);
  }

  private static void apply(DeviceEntity e, DeviceSpec spec, UUID siteId) {
    Map<String, String> oldPasswords = new HashMap<>();
    for (DeviceEntity.LineColumn line : e.lines) {
      oldPasswords.put(line.user(), line.password());
    }
    e.vendor = Vendor.of(spec.vendor()).orElseThrow().id();
    e.model = spec.model();
    e.siteId = siteId;
    e.timeZone = spec.timeZone();
    e.language = spec.language();
    List<DeviceEntity.LineColumn> lines = new ArrayList<>();
    for (Device.Line line : spec.lines()) {
      String password = line.password() != null ? line.password() : oldPasswords.get(line.user());
      lines.add(
          new DeviceEntity.LineColumn(line.user(), line.displayName(), line.authUser(), password));
    }
    e.lines = lines;
    e.variables = new LinkedHashMap<>(spec.variables());
    if (spec.httpUser() == null) {
      e.httpUser = null;
      e.httpPasswordHash = null;
    } else {
      e.httpUser = spec.httpUser();
      if (spec.httpPassword() != null) {
        e.httpPasswordHash = HttpPassword.hash(spec.httpPassword());
      }
    }
    e.updatedAt = now();
  }

  static Device view(DeviceEntity e, String siteName) {
    List<Device.Line> lines =
        e.lines.stream()
            .map(l -> new Device.Line(l.user(), l.displayName(), l.authUser(), l.password()))
            .toList();
    Device.LastFetch last =
        e.lastFetchAt == null
            ? null
            : new Device.LastFetch(
                e.lastFetchAt, e.lastFetchFile, e.lastFetchSource, e.lastFetchTransport);
    return new Device(
        new MacAddress(e.mac),
        e.tenantId,
        Vendor.of(e.vendor).orElseThrow(),
        e.model,
        siteName,
        e.timeZone,
        e.language,
        lines,
        e.variables,
        e.httpUser,
        e.createdAt,
        e.updatedAt,
        last);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
