package io.voxhost.platform.config;

/**
 * A reason the node cannot start that an operator can act on. Its message is one complete line,
 * printed as it is, without a stack trace.
 */
public final class StartupFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StartupFailure(String message) {
    super(message, null, false, false);
  }
}
