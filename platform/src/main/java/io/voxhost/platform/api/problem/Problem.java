package io.voxhost.platform.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details object, the body of every HTTP error. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(
    description =
        "RFC 9457 problem details (application/problem+json), the body of every API error. Empty"
            + " members are left out.")
public record Problem(
    @Schema(
            description =
                "URI naming the kind of problem, such as"
                    + " https://voxhost.io/problems/invalid-request, or about:blank when the HTTP"
                    + " status says it all",
            examples = "https://voxhost.io/problems/not-found")
        String type,
    @Schema(description = "Short summary of the kind of problem, the same for every occurrence")
        String title,
    @Schema(description = "The HTTP status code of this answer") int status,
    @Schema(description = "What went wrong this time, in words") String detail,
    @Schema(description = "The request path the problem occurred on") String instance,
    @Schema(description = "One entry per offending field (400, 409); absent when none")
        List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** One offending field: a JSON path such as {@code sipDomain} or {@code lines[2].user}. */
  @Schema(description = "One offending field of the request")
  public record FieldError(
      @Schema(
              description =
                  "The field: a JSON path such as sipDomain or lines[2].user, 'line N' for a row"
                      + " of a CSV import, or 'body'")
          String field,
      @Schema(description = "What is wrong with it") String message) {}
}
