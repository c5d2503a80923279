package io.voxhost.cnam.service;

import java.util.Optional;

/**
 * What both directories a tenant's lookup sees hold for one number.
 *
 * @param tenant the name in the tenant's own directory, or empty
 * @param platform the name in the platform's directory, or empty
 */
public record DirectoryNames(Optional<String> tenant, Optional<String> platform) {

  /** The name in {@code scope}'s directory: the platform's, or the tenant's own. */
  public Optional<String> in(DirectoryScope scope) {
    return scope.isPlatform() ? platform : tenant;
  }
}
