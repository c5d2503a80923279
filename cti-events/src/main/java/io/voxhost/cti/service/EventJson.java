package io.voxhost.cti.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxhost.platform.service.InvalidInput.FieldProblem;
import java.util.List;

/**
 * One element of a request's array as an {@link EventInput}: scalars as their text, {@code data} as
 * its JSON text; an element that is no object, or a field of the wrong shape, is a problem.
 */
public final class EventJson {

  private EventJson() {}

  public static EventInput input(JsonNode node, List<FieldProblem> problems) {
    if (node == null || !node.isObject()) {
      problems.add(new FieldProblem("event", "a JSON object"));
      return null;
    }
    JsonNode data = node.get("data");
    String dataText = null;
    if (data != null && !data.isNull()) {
      if (data.isObject()) {
        dataText = data.toString();
      } else {
        problems.add(new FieldProblem("data", "a JSON object"));
      }
    }
    return new EventInput(
        scalar(node, "source", problems),
        scalar(node, "instance", problems),
        scalar(node, "id", problems),
        scalar(node, "seq", problems),
        scalar(node, "at", problems),
        scalar(node, "type", problems),
        scalar(node, "call", problems),
        scalar(node, "channel", problems),
        scalar(node, "peer", problems),
        scalar(node, "queue", problems),
        scalar(node, "agent", problems),
        scalar(node, "number", problems),
        scalar(node, "name", problems),
        scalar(node, "dialled", problems),
        dataText);
  }

  /** A string or a number as its text; absent or null as null; anything else a problem. */
  private static String scalar(JsonNode node, String field, List<FieldProblem> problems) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    problems.add(new FieldProblem(field, "a string or a whole number"));
    return null;
  }
}
