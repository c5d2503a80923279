package io.voxhost.sip.service;

import java.util.List;

/** The result of a CSV import: what was written, or why nothing was. */
public sealed interface ImportOutcome {

  record Imported(int created, int updated) implements ImportOutcome {}

  /** Nothing written. {@code problems} holds the first ones; {@code badRows} counts them all. */
  record Rejected(List<RowProblem> problems, int badRows) implements ImportOutcome {}

  record RowProblem(long line, String message) {}
}
