package io.voxhost.platform.api;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.adminKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.RawHttp;
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

  /**
   * No proxy is configured as trusted (the default), so whatever a client says about its address is
   * ignored: a guesser that names a new address in every request is still counted as itself.
   */
  @Test
  void aGuesserCannotEscapeByNamingOtherAddresses() {
    for (int i = 0; i < 3; i++) {
      RawHttp.Answer answer =
          RawHttp.send(
              "127.0.0.2",
              "GET",
              "/api/v1/tenant",
              "Authorization: Bearer vx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
              "X-Forwarded-For: 192.0.2." + i,
              "Forwarded: for=198.51.100." + i,
              "X-Real-IP: 203.0.113." + i);
      assertThat(answer.status()).isEqualTo(401);
    }
    RawHttp.Answer good =
        RawHttp.send(
            "127.0.0.2",
            "GET",
            "/api/v1/admin/tenants",
            "Authorization: Bearer " + adminKey(),
            "X-Forwarded-For: 192.0.2.99",
            "Forwarded: for=198.51.100.99",
            "X-Real-IP: 203.0.113.99");
    assertThat(good.status()).isEqualTo(429);
    assertThat(good.rest()).contains("Retry-After");
  }
}
