package io.voxhost.platform.api;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class TenantIsolationTest {

  @Test
  void tenantSeesOnlyItsOwnTenantAndKeys() {
    TenantKey a = ApiClient.newTenant("alpha");
    TenantKey b = ApiClient.newTenant("bravo");
    String bPrefix = b.key().substring(0, 11);

    as(a.key()).get("/api/v1/tenant").then().statusCode(200).body("slug", equalTo(a.slug()));
    as(a.key()).get("/api/v1/keys").then().statusCode(200).body("prefix", not(hasItem(bPrefix)));
  }

  @Test
  void anotherTenantsKeyAnswersExactlyLikeAKeyThatDoesNotExist() {
    TenantKey a = ApiClient.newTenant("alpha");
    TenantKey b = ApiClient.newTenant("bravo");
    String bPrefix = b.key().substring(0, 11);
    String missing = "vx_ZZZZZZZZ";

    Response foreign = as(a.key()).get("/api/v1/keys/" + bPrefix);
    Response absent = as(a.key()).get("/api/v1/keys/" + missing);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(absent.statusCode()).isEqualTo(404);
    assertThat(foreign.contentType()).isEqualTo(absent.contentType());
    assertThat(foreign.jsonPath().getString("title"))
        .isEqualTo(absent.jsonPath().getString("title"));
    assertThat(foreign.asString()).doesNotContain(b.slug());

    as(a.key()).delete("/api/v1/keys/" + bPrefix).then().statusCode(404);
    as(b.key()).get("/api/v1/tenant").then().statusCode(200);
  }
}
