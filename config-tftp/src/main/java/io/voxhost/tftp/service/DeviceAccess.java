package io.voxhost.tftp.service;

import io.voxhost.platform.net.IpNetwork;
import java.util.List;

/**
 * What a fetch of a device's file must satisfy: its tenant's policy, its site's source networks
 * (empty: any) and its HTTP credentials (null: none).
 */
public record DeviceAccess(
    FetchPolicy policy, List<IpNetwork> networks, DeviceCredentials credentials) {

  public DeviceAccess {
    networks = List.copyOf(networks);
  }
}
