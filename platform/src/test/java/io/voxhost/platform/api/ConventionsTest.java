package io.voxhost.platform.api;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class ConventionsTest {

  @Test
  void isReadyOnceStarted() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'roles' }.status", equalTo("UP"));
  }

  @Test
  void answersUnknownApiRoutesWithProblemJson() {
    as(adminKey())
        .get("/api/v1/no/such/thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("status", equalTo(404))
        .body("instance", equalTo("/api/v1/no/such/thing"));
    given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json");
  }

  @Test
  void answersWrongMethodsWithProblemJson() {
    as(adminKey())
        .put("/api/v1/admin/tenants")
        .then()
        .statusCode(405)
        .contentType("application/problem+json");
  }

  @Test
  void answersOversizedBodiesWithProblemJson() throws Exception {
    // A client announcing 20 MB is refused before it sends them.
    try (Socket socket = new Socket("localhost", RestAssured.port)) {
      socket.setSoTimeout(10_000);
      String request =
          "POST /api/v1/keys HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Authorization: Bearer "
              + adminKey()
              + "\r\nContent-Length: 20000000\r\n\r\n{";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String response =
          new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(response)
          .startsWith("HTTP/1.1 413")
          .contains("application/problem+json")
          .contains("\"status\":413");
    }
  }

  @Test
  void publishesOpenApiAndSwaggerUi() {
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/admin/tenants"))
        .body(containsString("bearer"));
    given().get("/q/swagger-ui/").then().statusCode(200);
  }

  @Test
  void exposesPrometheusMetrics() {
    given().header("Authorization", "Bearer wrong").get("/api/v1/tenant").then().statusCode(401);
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("voxhost_api_auth_failures_total"))
        .body(containsString("jvm_memory_used_bytes"));
  }
}
