package io.voxhost.platform.api;

import io.voxhost.platform.api.problem.ApiProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A query parameter that is a point in time ({@code from}, {@code to}): ISO-8601, or absent. */
public final class InstantParameter {

  private InstantParameter() {}

  /**
   * The instant {@code value} names, or null when it is absent or blank.
   *
   * @throws ApiProblem a 400 naming {@code name} when it is no instant
   */
  public static Instant read(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(name + " must be an ISO-8601 instant", List.of());
    }
  }
}
