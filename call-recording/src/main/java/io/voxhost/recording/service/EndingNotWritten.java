package io.voxhost.recording.service;

/**
 * The database did not take a finished recording's row (an outage, or one just seen): its master is
 * stored and its spool untouched, and the row is to be written again later ({@link
 * WaitingEndings}).
 */
final class EndingNotWritten extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Recording finished;

  EndingNotWritten(Recording finished, Throwable cause) {
    super("Recording " + finished.id() + ": the database did not take its row", cause);
    this.finished = finished;
  }

  /** The row as it is to be written. */
  Recording finished() {
    return finished;
  }
}
