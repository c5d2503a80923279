package io.voxhost.recording.service;

/** The tenant has as many capture sessions open on this node as it may: the API answers 429. */
public final class TenantSessionLimit extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TenantSessionLimit(String message) {
    super(message, null, false, false);
  }
}
