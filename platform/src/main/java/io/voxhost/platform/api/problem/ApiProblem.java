package io.voxhost.platform.api.problem;

import io.voxhost.platform.api.problem.Problem.FieldError;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An HTTP error with its problem type. Thrown from resources and filters; {@link ProblemMappers}
 * turns it into an {@code application/problem+json} response.
 */
public final class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;
  static final String TYPE_BASE = "https://voxhost.io/problems/";

  private final int status;
  private final String type;
  private final String title;
  private final transient List<FieldError> errors;
  private final transient Map<String, String> headers;

  public ApiProblem(
      int status,
      String type,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public static ApiProblem badRequest(String detail, List<FieldError> errors) {
    return new ApiProblem(
        400, TYPE_BASE + "invalid-request", "Invalid request", detail, errors, Map.of());
  }

  public static ApiProblem unauthorized(String detail, String challenge) {
    return new ApiProblem(
        401,
        TYPE_BASE + "unauthenticated",
        "Authentication required",
        detail,
        List.of(),
        Map.of("WWW-Authenticate", challenge));
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(403, TYPE_BASE + "forbidden", "Forbidden", detail, List.of(), Map.of());
  }

  /**
   * The key is good but its scope does not cover this call (RFC 6750 {@code insufficient_scope});
   * {@code detail} names the scope.
   */
  public static ApiProblem insufficientScope(String detail, String challenge) {
    return new ApiProblem(
        403,
        TYPE_BASE + "insufficient-scope",
        "Insufficient scope",
        detail,
        List.of(),
        Map.of("WWW-Authenticate", challenge));
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, TYPE_BASE + "not-found", "Not found", detail, List.of(), Map.of());
  }

  public static ApiProblem conflict(String field, String detail) {
    return new ApiProblem(
        409,
        TYPE_BASE + "conflict",
        "Conflict",
        detail,
        List.of(new FieldError(field, detail)),
        Map.of());
  }

  public static ApiProblem tooManyRequests(String detail, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ApiProblem(
        429,
        TYPE_BASE + "rate-limited",
        "Too many requests",
        detail,
        List.of(),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /** The request body is larger than its path allows ({@code voxhost.http.*body-size}). */
  public static ApiProblem payloadTooLarge(String detail) {
    return new ApiProblem(
        413, TYPE_BASE + "body-too-large", "Content too large", detail, List.of(), Map.of());
  }

  /** The database did not answer in time; the request changed nothing and may be sent again. */
  public static ApiProblem databaseUnavailable(Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ApiProblem(
        503,
        TYPE_BASE + "database-unavailable",
        "Database unavailable",
        "the database did not answer in time; nothing was changed, try again later",
        List.of(),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /**
   * The node is taking all the work it can (a full queue): nothing of the request was kept, and it
   * may be sent again after {@code retryAfter}.
   */
  public static ApiProblem busy(String detail, Duration retryAfter) {
    long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    return new ApiProblem(
        503,
        TYPE_BASE + "busy",
        "Busy",
        detail,
        List.of(),
        Map.of("Retry-After", Long.toString(seconds)));
  }

  /** A path of a role this node does not run (its resources exist in the build, but not here). */
  public static ApiProblem roleNotEnabled(String role) {
    return new ApiProblem(
        404,
        TYPE_BASE + "role-not-enabled",
        "Role not enabled",
        "the '"
            + role
            + "' role does not run on this node (voxhost.roles); send this request to a node"
            + " that runs it",
        List.of(),
        Map.of());
  }

  /** A plain HTTP status with no more specific type (RFC 9457 {@code about:blank}). */
  public static ApiProblem ofStatus(int status, String detail) {
    Status known = Status.fromStatusCode(status);
    String title = known == null ? "HTTP " + status : known.getReasonPhrase();
    return new ApiProblem(status, "about:blank", title, detail, List.of(), Map.of());
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public Problem toProblem(String instance) {
    return new Problem(type, title, status, getMessage(), instance, errors);
  }
}
