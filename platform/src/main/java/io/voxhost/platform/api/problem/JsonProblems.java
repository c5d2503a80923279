package io.voxhost.platform.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.voxhost.platform.api.problem.Problem.FieldError;
import java.util.List;

/** Turns Jackson's read errors into 400 problems that name the field, without echoing input. */
final class JsonProblems {

  private JsonProblems() {}

  static ApiProblem describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      String field = path(unknown);
      return ApiProblem.badRequest(
          "unknown field '" + field + "'", List.of(new FieldError(field, "unknown field")));
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = path(mapping);
      String message = expectation(mapping);
      return ApiProblem.badRequest(field + ": " + message, List.of(new FieldError(field, message)));
    }
    if (e instanceof MismatchedInputException mismatched) {
      return ApiProblem.badRequest(
          "the request body must be a JSON object, not " + describeFound(mismatched), List.of());
    }
    String location =
        e.getLocation() == null
            ? ""
            : " at line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr();
    return ApiProblem.badRequest("malformed JSON" + location, List.of());
  }

  private static String expectation(JsonMappingException e) {
    if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null) {
      return "expected " + typeName(invalid.getTargetType());
    }
    if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
      return "expected " + typeName(mismatched.getTargetType());
    }
    return "invalid value";
  }

  private static String describeFound(MismatchedInputException e) {
    return e.getTargetType() == null ? "this value" : "a value of another type";
  }

  private static String typeName(Class<?> type) {
    if (type == String.class || type == Character.class || type == char.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (type.isEnum()) {
      return "one of " + List.of(type.getEnumConstants());
    }
    if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
      return "an array";
    }
    return "an object";
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "body" : path.toString();
  }
}
