package io.voxhost.tftp.service;

import java.util.Optional;
import java.util.UUID;

/**
 * What changed of the devices a node holds in memory, as one line of the change feed: one device
 * (created, replaced or deleted; or its site's variables changed), or every device of a tenant (its
 * variables changed, an import, or the tenant itself).
 */
public sealed interface DeviceChange {

  /** The line the change feed carries. */
  String line();

  /** The change a line stands for; empty for a line this version cannot read. */
  static Optional<DeviceChange> parse(String line) {
    int space = line.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String kind = line.substring(0, space);
    String value = line.substring(space + 1);
    try {
      return switch (kind) {
        case OneDevice.KIND -> Optional.of(new OneDevice(new MacAddress(value)));
        case TenantDevices.KIND -> Optional.of(new TenantDevices(UUID.fromString(value)));
        default -> Optional.empty();
      };
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** One device, by its MAC: {@code mac 001122aabbcc}. */
  record OneDevice(MacAddress mac) implements DeviceChange {
    static final String KIND = "mac";

    @Override
    public String line() {
      return KIND + " " + mac.value();
    }
  }

  /** Every device of one tenant: {@code tenant <uuid>}. */
  record TenantDevices(UUID tenantId) implements DeviceChange {
    static final String KIND = "tenant";

    @Override
    public String line() {
      return KIND + " " + tenantId;
    }
  }
}
