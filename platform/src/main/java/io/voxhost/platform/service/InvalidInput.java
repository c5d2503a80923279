package io.voxhost.platform.service;

import java.util.List;

/**
 * Input that breaks a module's rules, found in its service layer (where one rule serves an API body
 * and a CSV row alike); each problem names its field. The API answers it with 400.
 */
public final class InvalidInput extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final transient List<FieldProblem> problems;

  public InvalidInput(String message, List<FieldProblem> problems) {
    super(message, null, false, false);
    this.problems = List.copyOf(problems);
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  public record FieldProblem(String field, String message) {}
}
