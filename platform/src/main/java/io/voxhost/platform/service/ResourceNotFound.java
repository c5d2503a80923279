package io.voxhost.platform.service;

/** The named resource does not exist for the caller (which includes: belongs to another tenant). */
public final class ResourceNotFound extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ResourceNotFound(String message) {
    super(message, null, false, false);
  }
}
