package io.voxhost.cnam;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The event-loop route for lookups that memory answers: the same 200 as the resource, byte for
 * byte, and never an answer where the resource would refuse.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class MemoryLookupRouteTest {

  static final String CNAM = "/api/v1/cnam/";
  static final String NUMBER = "+12025550177";

  /** A q-value the route leaves to JAX-RS: the resource answers, not the route. */
  static final String THROUGH_RESOURCE = "application/json;q=0.9";

  @Inject CallerNames names;
  @Inject PassedRoute passed;

  @Test
  void aMemoryHitIsTheResourcesAnswerByteForByte() {
    TenantKey t = ApiClient.newTenant("fast-same");
    as(t.key())
        .body(Map.of("name", "Fast Florist"))
        .put(CNAM + "directory/" + NUMBER)
        .then()
        .statusCode(201);
    as(t.key()).get(CNAM + NUMBER).then().statusCode(200);
    assertThat(names.inMemory(tenant(t), NUMBER)).isPresent();

    long before = passed.passed();
    Response route = as(t.key()).get(CNAM + NUMBER);
    assertThat(passed.passed()).as("answered by the route").isEqualTo(before);
    Response resource = as(t.key()).accept(THROUGH_RESOURCE).get(CNAM + NUMBER);
    assertThat(passed.passed()).as("answered by the resource").isEqualTo(before + 1);
    route.then().statusCode(200).body("name", equalTo("Fast Florist"));
    resource.then().statusCode(200);
    assertThat(route.asString()).isEqualTo(resource.asString());
    assertThat(route.contentType()).isEqualTo(resource.contentType());
    // An absence memory holds is answered the same way.
    String unknown = "+12025550178";
    as(t.key()).get(CNAM + unknown).then().body("source", equalTo("none"));
    assertThat(as(t.key()).get(CNAM + unknown).asString())
        .isEqualTo(as(t.key()).accept(THROUGH_RESOURCE).get(CNAM + unknown).asString());
  }

  @Test
  void whatTheResourceRefusesTheRouteNeverAnswers() {
    TenantKey t = ApiClient.newTenant("fast-refuse");
    as(t.key()).get(CNAM + NUMBER).then().statusCode(200);
    assertThat(names.inMemory(tenant(t), NUMBER)).isPresent();

    String recordingsOnly = key(t, "recordings-read");
    as(recordingsOnly).get(CNAM + NUMBER).then().statusCode(403);
    // A read-only key reads from the route once this node knows it; "+" arrives as %2B, which the
    // scope check reads decoded.
    String readOnly = key(t, "read-only");
    as(readOnly).get(CNAM + NUMBER).then().statusCode(200);
    long before = passed.passed();
    as(readOnly).get(CNAM + NUMBER).then().statusCode(200);
    assertThat(passed.passed()).isEqualTo(before);
    as(adminKey()).get(CNAM + NUMBER).then().statusCode(403);
    given().get(CNAM + NUMBER).then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + t.key())
        .header("Authorization", "Bearer vx_not_a_key")
        .get(CNAM + NUMBER)
        .then()
        .statusCode(401);
    as(t.key()).accept("text/plain").get(CNAM + NUMBER).then().statusCode(406);

    String revoked = key(t, "full");
    as(revoked).get(CNAM + NUMBER).then().statusCode(200);
    as(t.key()).delete("/api/v1/keys/" + revoked.substring(0, 11)).then().statusCode(200);
    as(revoked).get(CNAM + NUMBER).then().statusCode(401);
  }

  private static String key(TenantKey t, String scope) {
    return as(t.key())
        .body(Map.of("label", scope, "scope", scope))
        .post("/api/v1/keys")
        .then()
        .statusCode(201)
        .extract()
        .path("key");
  }

  private static UUID tenant(TenantKey t) {
    return UUID.fromString(as(t.key()).get("/api/v1/tenant").then().extract().path("id"));
  }
}
