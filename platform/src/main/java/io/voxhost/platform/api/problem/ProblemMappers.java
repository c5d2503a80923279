package io.voxhost.platform.api.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.voxhost.platform.api.problem.Problem.FieldError;
import io.voxhost.platform.database.DatabaseFailure;
import io.voxhost.platform.database.DatabaseOutages;
import io.voxhost.platform.imports.ImportRejected;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.ResourceConflict;
import io.voxhost.platform.service.ResourceNotFound;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error an HTTP API can raise, answered as {@code application/problem+json}. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  /** What a client is told to wait after the database did not answer. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final DatabaseOutages outages;

  ProblemMappers(DatabaseOutages outages) {
    this.outages = outages;
  }

  @ServerExceptionMapper
  public Response apiProblem(ApiProblem problem, UriInfo uri) {
    return respond(problem, uri);
  }

  @ServerExceptionMapper
  public Response notFound(ResourceNotFound e, UriInfo uri) {
    return respond(ApiProblem.notFound(e.getMessage()), uri);
  }

  @ServerExceptionMapper
  public Response conflict(ResourceConflict e, UriInfo uri) {
    return respond(ApiProblem.conflict(e.field(), e.getMessage()), uri);
  }

  @ServerExceptionMapper
  public Response invalidInput(InvalidInput e, UriInfo uri) {
    return respond(
        ApiProblem.badRequest(
            e.getMessage(),
            e.problems().stream().map(p -> new FieldError(p.field(), p.message())).toList()),
        uri);
  }

  /** Every import answers a bad file the same way: 400, the bad rows as errors by line. */
  @ServerExceptionMapper
  public Response importRejected(ImportRejected e, UriInfo uri) {
    return respond(
        ApiProblem.badRequest(
            e.getMessage(),
            e.problems().stream()
                .map(p -> new FieldError("line " + p.line(), p.message()))
                .toList()),
        uri);
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
            .toList();
    String detail =
        errors.size() == 1
            ? errors.get(0).field() + ": " + errors.get(0).message()
            : errors.size() + " fields are invalid";
    return respond(ApiProblem.badRequest(detail, errors), uri);
  }

  // Jackson's exceptions are mapped one type at a time so that no built-in mapper for a
  // narrower type answers with a plain-text body.
  @ServerExceptionMapper
  public Response unrecognized(UnrecognizedPropertyException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response invalidTypeId(InvalidTypeIdException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response instantiation(ValueInstantiationException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response mapping(JsonMappingException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response databind(DatabindException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response parse(JsonParseException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response streamRead(StreamReadException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response processing(JsonProcessingException e, UriInfo uri) {
    return json(e, uri);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException json) {
        return json(json, uri);
      }
      if (cause == cause.getCause()) {
        break;
      }
    }
    int status = e.getResponse().getStatus();
    String detail =
        e instanceof NotFoundException
            ? "no resource at " + uri.getPath()
            : e.getMessage() == null ? null : e.getMessage();
    ApiProblem problem = ApiProblem.ofStatus(status, detail);
    Response response = respond(problem, uri);
    if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
      return Response.fromResponse(response)
          .header("Allow", e.getResponse().getHeaderString("Allow"))
          .build();
    }
    return response;
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    if (DatabaseFailure.isOutage(e)) {
      outages.stopped("api", "request");
      LOG.debugf("Database unavailable on %s: %s", uri.getPath(), e.toString());
      return respond(ApiProblem.databaseUnavailable(RETRY_AFTER), uri);
    }
    LOG.errorf(e, "Unhandled error on %s", uri.getPath());
    return respond(ApiProblem.ofStatus(500, "internal error; it has been logged"), uri);
  }

  static Response respond(ApiProblem problem, UriInfo uri) {
    Response.ResponseBuilder builder =
        Response.status(problem.status())
            .type(Problem.MEDIA_TYPE)
            .entity(problem.toProblem(uri == null ? null : uri.getPath()));
    problem.headers().forEach(builder::header);
    return builder.build();
  }

  private static Response json(JsonProcessingException e, UriInfo uri) {
    return respond(JsonProblems.describe(e), uri);
  }

  private static String fieldOf(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER) {
        continue;
      }
      if (node.getName() == null) {
        continue;
      }
      if (!field.isEmpty()) {
        field.append('.');
      }
      field.append(node.getName());
      if (node.getIndex() != null) {
        field.append('[').append(node.getIndex()).append(']');
      }
    }
    return field.isEmpty() ? "body" : field.toString();
  }
}
