package io.voxhost.tftp.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A phone in the registry: who owns it, what it is, the accounts on its lines, and the variables
 * set on it (which override its site's and its tenant's).
 */
public record Device(
    MacAddress mac,
    UUID tenantId,
    Vendor vendor,
    String model,
    String site,
    String timeZone,
    String language,
    List<Line> lines,
    Map<String, String> variables,
    String httpUser,
    Instant createdAt,
    Instant updatedAt,
    LastFetch lastFetch) {

  public Device {
    lines = List.copyOf(lines);
    variables = Map.copyOf(variables);
  }

  /**
   * One account on the phone.
   *
   * @param user the SIP user (the subscriber's username)
   * @param authUser the digest user name, when it differs from {@code user}
   * @param password the SIP password written into the phone's file; never shown by the API
   */
  public record Line(String user, String displayName, String authUser, String password) {}

  /** The device's last fetch, or null when it never fetched. */
  public record LastFetch(Instant at, String file, String source, String transport) {}
}
