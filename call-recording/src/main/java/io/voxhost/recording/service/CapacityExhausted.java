package io.voxhost.recording.service;

/**
 * This node cannot take another session now (sessions or ports used up): try again, or elsewhere.
 */
public final class CapacityExhausted extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CapacityExhausted(String message) {
    super(message, null, false, false);
  }
}
