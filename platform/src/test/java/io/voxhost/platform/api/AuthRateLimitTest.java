package io.voxhost.platform.api;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.adminKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(AuthRateLimitTest.StrictLimit.class)
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class AuthRateLimitTest {

  /** Three failures a minute, so the test needs few requests. */
  public static class StrictLimit implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("voxhost.auth.max-failures", "3", "voxhost.auth.failure-window", "1m");
    }
  }

  @Test
  void refusesASourceThatKeepsGuessingEvenWithAGoodKey() {
    for (int i = 0; i < 3; i++) {
      given()
          .header("Authorization", "Bearer vx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" + i)
          .get("/api/v1/tenant")
          .then()
          .statusCode(401);
    }
    given()
        .header("Authorization", "Bearer " + adminKey())
        .get("/api/v1/admin/tenants")
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", matchesPattern("[1-9][0-9]*"))
        .body("status", equalTo(429));
  }
}
