package io.voxhost.platform.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.voxhost.platform.api.problem.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What the OpenAPI document says once for every operation rather than on each: the answers of the
 * layers in front of the resources, and the body of every error.
 *
 * <ul>
 *   <li>every operation under {@code /api}: 401 and 429 from {@code BearerAuthentication}, 406 from
 *       the REST layer's content negotiation, and 503 from {@code ProblemMappers} when the database
 *       misses its deadline;
 *   <li>every one of those that takes a body: 413 from {@code BodyLimits} and 415 from the REST
 *       layer's content negotiation;
 *   <li>every error response that names no content: {@code application/problem+json} with the
 *       {@link Problem} schema, which is what {@code ProblemMappers} writes. Except 416: a range
 *       past the end is answered with Content-Range alone, no body (RFC 9110 15.5.17).
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class CommonResponsesFilter implements OASFilter {

  static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
      if (path.getValue().getOperations() == null) {
        continue;
      }
      for (Operation operation : path.getValue().getOperations().values()) {
        if (operation.getResponses() == null) {
          operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        if (path.getKey().startsWith("/api/")) {
          addIfAbsent(responses, "401", unauthenticated());
          addIfAbsent(responses, "429", rateLimited());
          addIfAbsent(responses, "406", notAcceptable());
          addIfAbsent(responses, "503", databaseUnavailable());
          if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "413", tooLarge());
            addIfAbsent(responses, "415", unsupportedType());
          }
        }
        responses.getAPIResponses().forEach(CommonResponsesFilter::problemBody);
      }
    }
  }

  private static void addIfAbsent(APIResponses responses, String code, APIResponse response) {
    if (!responses.hasAPIResponse(code)) {
      responses.addAPIResponse(code, response);
    }
  }

  private static void problemBody(String code, APIResponse response) {
    boolean error = (code.startsWith("4") || code.startsWith("5")) && !code.equals("416");
    if (error
        && (response.getContent() == null
            || response.getContent().getMediaTypes() == null
            || response.getContent().getMediaTypes().isEmpty())) {
      response.setContent(
          OASFactory.createContent()
              .addMediaType(
                  Problem.MEDIA_TYPE,
                  OASFactory.createMediaType()
                      .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
    }
  }

  private static APIResponse unauthenticated() {
    return OASFactory.createAPIResponse()
        .description(
            "No API key, or one that is malformed, unknown or revoked (RFC 6750). Every /api call"
                + " needs 'Authorization: Bearer vx_...'.")
        .addHeader(
            "WWW-Authenticate",
            header(
                "Bearer realm=\"voxhost\"; with error=\"invalid_token\" when a key was sent but"
                    + " is not valid"));
  }

  private static APIResponse databaseUnavailable() {
    return OASFactory.createAPIResponse()
        .description(
            "The database did not answer within voxhost.db.timeout (type database-unavailable):"
                + " nothing was changed; send the request again after Retry-After.")
        .addHeader("Retry-After", header("Seconds to wait before sending the request again"));
  }

  private static APIResponse rateLimited() {
    return OASFactory.createAPIResponse()
        .description(
            "This source address presented voxhost.auth.max-failures bad keys within"
                + " voxhost.auth.failure-window: every request from it is refused, even with a"
                + " good key, until that window ends.")
        .addHeader("Retry-After", header("Seconds until requests from this address are taken"));
  }

  private static APIResponse tooLarge() {
    return OASFactory.createAPIResponse()
        .description(
            "The body is over its path's limit: voxhost.http.body-size (10 MB by default), or"
                + " voxhost.http.import-body-size (64 MB) on an import endpoint; a declared"
                + " Content-Length over it is refused before the body is read.");
  }

  private static APIResponse notAcceptable() {
    return OASFactory.createAPIResponse()
        .description("The Accept header names no media type this operation answers with.");
  }

  private static APIResponse unsupportedType() {
    return OASFactory.createAPIResponse()
        .description("The body's Content-Type is not one this operation takes.");
  }

  private static Header header(String description) {
    return OASFactory.createHeader()
        .description(description)
        .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
  }
}
