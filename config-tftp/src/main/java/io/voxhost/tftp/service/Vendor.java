package io.voxhost.tftp.service;

import java.util.Locale;
import java.util.Optional;

/** The phone makers whose configuration files this server generates. */
public enum Vendor {
  CISCO,
  POLYCOM,
  YEALINK,
  GRANDSTREAM,
  SNOM;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Vendor> of(String id) {
    if (id == null) {
      return Optional.empty();
    }
    for (Vendor v : values()) {
      if (v.id().equalsIgnoreCase(id.strip())) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
