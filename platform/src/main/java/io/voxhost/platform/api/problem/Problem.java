package io.voxhost.platform.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** An RFC 9457 problem details object, the body of every HTTP error. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One offending field: a JSON path such as {@code sipDomain} or {@code lines[2].user}. */
  public record FieldError(String field, String message) {}
}
