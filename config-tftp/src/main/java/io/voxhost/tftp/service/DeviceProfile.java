package io.voxhost.tftp.service;

import java.util.Map;

/**
 * Everything a device's files are made from: the device, its tenant's SIP domain, and its variables
 * after inheritance (tenant, then site, then device; the nearer wins); and who may fetch them.
 */
public record DeviceProfile(
    Device device,
    String tenantName,
    String sipDomain,
    Map<String, String> variables,
    DeviceAccess access) {

  public DeviceProfile {
    variables = Map.copyOf(variables);
  }
}
