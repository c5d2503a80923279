package io.voxhost.cnam.service;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Whose directory: one tenant's, or the platform's (which every tenant's lookups see after their
 * own).
 *
 * @param tenant the tenant; null for the platform's directory
 */
public record DirectoryScope(UUID tenant) {

  public static final DirectoryScope PLATFORM = new DirectoryScope(null);

  /** How the platform's directory is named in change-feed lines. */
  static final String PLATFORM_LABEL = "platform";

  public static DirectoryScope of(UUID tenant) {
    return new DirectoryScope(Objects.requireNonNull(tenant, "tenant"));
  }

  public boolean isPlatform() {
    return tenant == null;
  }

  /** The scope as change-feed lines name it: the tenant id, or {@code platform}. */
  public String label() {
    return tenant == null ? PLATFORM_LABEL : tenant.toString();
  }

  /** The scope a {@link #label()} names; empty when it names none. */
  static Optional<DirectoryScope> parse(String label) {
    if (PLATFORM_LABEL.equals(label)) {
      return Optional.of(PLATFORM);
    }
    try {
      return Optional.of(of(UUID.fromString(label)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
