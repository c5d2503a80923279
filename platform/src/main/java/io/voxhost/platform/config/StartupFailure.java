package io.voxhost.platform.config;

/**
 * A reason the node cannot start that an operator can act on. Its message is one complete line,
 * printed as it is, without a stack trace. A {@linkplain #configuration configuration} failure (a
 * setting that is wrong, named in the message) ends the process with {@link #EX_CONFIG}, which a
 * unit's {@code RestartPreventExitStatus=} keeps from restarting in vain; anything else with 1.
 */
public final class StartupFailure extends RuntimeException {

  /** sysexits(3): "something was found in an unconfigured or misconfigured state". */
  public static final int EX_CONFIG = 78;

  /** Any other failure to start: systemd may try again. */
  public static final int FAILED = 1;

  private static final long serialVersionUID = 1L;

  private final boolean configuration;

  public StartupFailure(String message) {
    this(message, false);
  }

  private StartupFailure(String message, boolean configuration) {
    super(message, null, false, false);
    this.configuration = configuration;
  }

  /** A setting is wrong; {@code message} names its key. */
  public static StartupFailure configuration(String message) {
    return new StartupFailure(message, true);
  }

  /** Whether a setting is wrong, as opposed to something the node met (a database down). */
  public boolean isConfiguration() {
    return configuration;
  }

  /** The process's exit status for this failure. */
  public int exitCode() {
    return configuration ? EX_CONFIG : FAILED;
  }
}
