package io.voxhost.platform.imports;

import java.util.List;

/**
 * An import of which nothing was written: {@code problems} holds the first ones by line (0 for the
 * import as a whole), {@code badRows} counts them all. The API answers it with 400 and the problems
 * as the errors, the same for every import.
 */
public final class ImportRejected extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<RowProblem> problems;
  private final int badRows;

  public ImportRejected(List<RowProblem> problems, int badRows) {
    super(badRows + " bad row(s); nothing was imported", null, false, false);
    this.problems = List.copyOf(problems);
    this.badRows = badRows;
  }

  /** One problem, by its line in the body. */
  public record RowProblem(long line, String message) {}

  public List<RowProblem> problems() {
    return problems;
  }

  public int badRows() {
    return badRows;
  }
}
