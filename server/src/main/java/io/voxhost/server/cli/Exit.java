package io.voxhost.server.cli;

import io.voxhost.platform.config.StartupFailure;

/** The admin commands' exit codes: sysexits.h where one fits, LSB's for status. */
final class Exit {

  static final int OK = 0;

  /** The API answered with an error (problem+json). */
  static final int REFUSED = 1;

  /** Wrong usage, as picocli answers it too. */
  static final int USAGE = 2;

  /** LSB {@code status}: the node is not running, or not ready yet. */
  static final int NOT_READY = 3;

  /** EX_NOINPUT: the admin key file cannot be read. */
  static final int NO_INPUT = 66;

  /** EX_UNAVAILABLE: the node does not answer. */
  static final int UNAVAILABLE = 69;

  /** EX_CONFIG: a setting a start would refuse (the node itself exits with it too). */
  static final int CONFIG = StartupFailure.EX_CONFIG;

  private Exit() {}
}
