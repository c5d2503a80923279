package io.voxhost.tftp.service;

import java.time.Instant;
import java.util.UUID;

/**
 * One fetch of a file by a phone, as the audit keeps it.
 *
 * @param tenantId the device's tenant; null for a static or common file, or an unknown device
 * @param mac the device; null when the file is not a device's own
 * @param source the phone's address, host:port
 * @param transport {@code tftp} or {@code http}
 * @param bytes file bytes delivered
 * @param outcome {@code completed}, {@code not_found}, {@code refused}, {@code timed_out} ...
 */
public record Fetch(
    UUID tenantId,
    MacAddress mac,
    String fileName,
    String source,
    String transport,
    long bytes,
    String outcome,
    Instant at) {

  /** The tenant and device a served file belongs to, for its fetch record. */
  public static Fetch of(
      ServedFile file, String name, String source, String transport, long bytes, String outcome) {
    java.util.UUID tenant = null;
    MacAddress mac = null;
    if (file instanceof ServedFile.GeneratedFile g) {
      tenant = g.tenantId();
      mac = g.mac();
    }
    return new Fetch(tenant, mac, name, source, transport, bytes, outcome, Instant.now());
  }
}
