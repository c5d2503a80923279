package io.voxhost.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.FreePorts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API reference is the OpenAPI document at {@code /q/openapi}: on a node that runs every
 * role, every tag, operation, parameter, request body, response and schema field in it has a
 * description, and every error response says what it carries. One test lists everything missing.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(
    value = OpenApiDocumentTest.Ports.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiDocumentTest {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  /** Descriptions that only repeat the status line say nothing about the operation. */
  private static final Set<String> REASON_PHRASES =
      Set.of(
          "ok",
          "created",
          "accepted",
          "no content",
          "partial content",
          "not modified",
          "bad request",
          "unauthorized",
          "forbidden",
          "not found",
          "conflict",
          "gone",
          "payload too large",
          "content too large",
          "unsupported media type",
          "range not satisfiable",
          "requested range not satisfiable",
          "too many requests",
          "internal server error",
          "service unavailable",
          "default response");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode document;

  /** Every role runs here: their listeners go on free loopback ports, not the well-known ones. */
  public static class Ports implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      return Map.of(
          "voxhost.sip.listen", "127.0.0.1:" + FreePorts.udpAndTcp(),
          "voxhost.tftp.listen", "127.0.0.1:0",
          "voxhost.cti.stream-listen", "127.0.0.1:0",
          "voxhost.recording.listen", "127.0.0.1:33000-33099");
    }

    @Override
    public void stop() {}
  }

  /** Fetched in the first test: RestAssured knows the test port only once a test runs. */
  private static void fetch() throws Exception {
    if (document != null) {
      return;
    }
    String body =
        given()
            .accept("application/json")
            .get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    document = JSON.readTree(body);
  }

  @Test
  void coversEveryRolesResources() throws Exception {
    fetch();
    Set<String> paths = new TreeSet<>();
    document.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "/api/v1/admin/tenants",
            "/api/v1/tenant",
            "/api/v1/sip/subscribers",
            "/api/v1/provisioning/devices",
            "/api/v1/recordings/sessions");
  }

  @Test
  void describesEveryOperationParameterResponseAndSchemaField() throws Exception {
    fetch();
    List<String> missing = new ArrayList<>();
    tags(missing);
    for (Iterator<Map.Entry<String, JsonNode>> p = document.path("paths").fields(); p.hasNext(); ) {
      Map.Entry<String, JsonNode> path = p.next();
      for (JsonNode parameter : path.getValue().path("parameters")) {
        parameter(path.getKey(), parameter, missing);
      }
      for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
        Map.Entry<String, JsonNode> operation = o.next();
        if (METHODS.contains(operation.getKey())) {
          operation(
              operation.getKey().toUpperCase() + " " + path.getKey(),
              path.getKey(),
              operation.getValue(),
              missing);
        }
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> s =
            document.path("components").path("schemas").fields();
        s.hasNext(); ) {
      Map.Entry<String, JsonNode> schema = s.next();
      String where = "schema " + schema.getKey();
      if (blank(schema.getValue().path("description"))) {
        missing.add(where + ": no description");
      }
      schema(where, schema.getValue(), missing);
    }
    assertThat(missing)
        .as(
            "%d gaps in /q/openapi: describe them with @Operation, @Parameter, @RequestBody,"
                + " @APIResponse, @Schema or @Tag:%n  %s",
            missing.size(), String.join("\n  ", missing))
        .isEmpty();
  }

  private static void tags(List<String> missing) {
    Set<String> described = new TreeSet<>();
    for (JsonNode tag : document.path("tags")) {
      if (blank(tag.path("description"))) {
        missing.add("tag " + tag.path("name").asText() + ": no description");
      } else {
        described.add(tag.path("name").asText());
      }
    }
    for (JsonNode item : document.path("paths")) {
      for (String method : METHODS) {
        for (JsonNode tag : item.path(method).path("tags")) {
          if (!described.contains(tag.asText())) {
            missing.add("tag " + tag.asText() + ": used but not declared with a description");
            described.add(tag.asText());
          }
        }
      }
    }
  }

  private static void operation(String where, String path, JsonNode op, List<String> missing) {
    if (blank(op.path("summary")) || blank(op.path("description"))) {
      missing.add(where + ": no summary and description");
    }
    if (op.path("tags").isEmpty()) {
      missing.add(where + ": no tag");
    }
    for (JsonNode parameter : op.path("parameters")) {
      parameter(where, parameter, missing);
    }
    JsonNode body = op.path("requestBody");
    if (!body.isMissingNode()) {
      if (blank(body.path("description"))) {
        missing.add(where + " request body: no description");
      }
      content(where + " request body", body.path("content"), missing);
    }
    if (op.path("responses").isEmpty()) {
      missing.add(where + ": no responses");
    }
    for (Iterator<Map.Entry<String, JsonNode>> r = op.path("responses").fields(); r.hasNext(); ) {
      Map.Entry<String, JsonNode> response = r.next();
      String at = where + " " + response.getKey();
      JsonNode description = response.getValue().path("description");
      if (blank(description)
          || REASON_PHRASES.contains(description.asText().strip().toLowerCase())) {
        missing.add(at + ": no description beyond the status line");
      }
      content(at, response.getValue().path("content"), missing);
      boolean error = response.getKey().startsWith("4") || response.getKey().startsWith("5");
      if (response.getKey().equals("416")) {
        // A range past the end has no body anywhere: Content-Range says the size.
        if (response.getValue().path("headers").path("Content-Range").isMissingNode()) {
          missing.add(at + ": Content-Range not documented");
        }
      } else if (error && path.startsWith("/api/")) {
        JsonNode problem = response.getValue().path("content").path("application/problem+json");
        if (!problem.path("schema").path("$ref").asText().endsWith("/Problem")) {
          missing.add(at + ": not documented as application/problem+json with the Problem schema");
        }
      } else if (error && response.getValue().path("content").isEmpty()) {
        missing.add(at + ": no content: say what the error body is");
      }
    }
  }

  private static void parameter(String where, JsonNode parameter, List<String> missing) {
    JsonNode resolved = resolve(parameter);
    if (blank(resolved.path("description"))) {
      missing.add(
          where
              + " parameter "
              + resolved.path("in").asText()
              + " "
              + resolved.path("name").asText()
              + ": no description");
    }
  }

  private static void content(String where, JsonNode content, List<String> missing) {
    for (Iterator<Map.Entry<String, JsonNode>> c = content.fields(); c.hasNext(); ) {
      Map.Entry<String, JsonNode> media = c.next();
      JsonNode schema = media.getValue().path("schema");
      if (schema.path("$ref").isMissingNode() && schema.path("type").isMissingNode()) {
        missing.add(where + " " + media.getKey() + ": no schema (a Response needs one declared)");
      }
      schema(where + " " + media.getKey(), schema, missing);
    }
  }

  /** The properties of {@code schema} and of every schema inline in it, recursively. */
  private static void schema(String where, JsonNode schema, List<String> missing) {
    if (!schema.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> p = schema.path("properties").fields();
        p.hasNext(); ) {
      Map.Entry<String, JsonNode> property = p.next();
      if (blank(property.getValue().path("description"))) {
        missing.add(where + "." + property.getKey() + ": no description");
      }
      schema(where + "." + property.getKey(), property.getValue(), missing);
    }
    schema(where + "[]", schema.path("items"), missing);
    schema(where + "{}", schema.path("additionalProperties"), missing);
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode part : schema.path(combinator)) {
        schema(where, part, missing);
      }
    }
  }

  private static JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText();
    if (!ref.startsWith("#/")) {
      return node;
    }
    JsonNode target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.path(part);
    }
    return target;
  }

  private static boolean blank(JsonNode text) {
    return !text.isTextual() || text.asText().isBlank();
  }
}
