package io.voxhost.tftp.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may fetch a tenant's device files, which carry the devices' SIP passwords. Whatever the
 * policy, a device with HTTP credentials needs them, and a site's source networks bound where its
 * devices are served.
 */
public enum FetchPolicy {
  /** Anyone who names the MAC (within the site's networks, if it has some). */
  OPEN,
  /**
   * Only over HTTP(S) with the device's own Basic credentials; a device without them is not served.
   */
  CREDENTIALS,
  /** Only over HTTPS with a trusted vendor certificate naming the device's MAC. */
  CERTIFICATE,
  /** Only to sources inside the device's site's networks; a device without them is not served. */
  NETWORK;

  /** For a tenant that never chose: not open. */
  public static final FetchPolicy DEFAULT = CREDENTIALS;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FetchPolicy> of(String id) {
    return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
  }
}
