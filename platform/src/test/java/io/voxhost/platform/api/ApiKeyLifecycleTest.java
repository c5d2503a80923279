package io.voxhost.platform.api;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class ApiKeyLifecycleTest {

  @Test
  void writesTheAdminKeyReadableByTheOwnerOnly() throws Exception {
    Path file =
        ConfigProvider.getConfig().getValue("voxhost.data-dir", Path.class).resolve("admin.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file).trim()).matches("vx_[A-Za-z0-9_-]{43}");
  }

  @Test
  void createsAuthenticatesListsAndRevokesAKey() {
    TenantKey tenant = ApiClient.newTenant("lifecycle");
    String prefix = tenant.key().substring(0, 11);

    as(tenant.key())
        .get("/api/v1/tenant")
        .then()
        .statusCode(200)
        .body("slug", equalTo(tenant.slug()))
        .body("sipDomain", equalTo(tenant.slug() + ".example.net"));

    String listing =
        as(adminKey())
            .get("/api/v1/admin/tenants/" + tenant.slug() + "/keys")
            .then()
            .statusCode(200)
            .body("prefix", hasItem(prefix))
            .body("[0].label", equalTo("test"))
            .body("[0].createdAt", notNullValue())
            .body("[0].revokedAt", nullValue())
            .extract()
            .asString();
    assertThat(listing).doesNotContain(tenant.key()).doesNotContain("hash");

    as(adminKey())
        .delete("/api/v1/admin/tenants/" + tenant.slug() + "/keys/" + prefix)
        .then()
        .statusCode(200)
        .body("revokedAt", notNullValue());

    as(tenant.key())
        .get("/api/v1/tenant")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("invalid_token"))
        .body("status", equalTo(401));
  }

  @Test
  void recordsWhenAKeyWasLastUsed() {
    TenantKey tenant = ApiClient.newTenant("lastused");
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200);
    as(tenant.key())
        .get("/api/v1/keys")
        .then()
        .statusCode(200)
        .body("[0].lastUsedAt", notNullValue());
  }

  @Test
  void refusesRequestsWithoutAKey() {
    given()
        .get("/api/v1/admin/tenants")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", equalTo("Bearer realm=\"voxhost\""))
        .body("title", equalTo("Authentication required"));
  }

  @Test
  void refusesMalformedAndUnknownKeys() {
    for (String header :
        List.of(
            "Bearer nonsense",
            "Basic dXNlcjpwYXNz",
            "Bearer vx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "Bearer " + adminKey() + "x")) {
      given()
          .header("Authorization", header)
          .get("/api/v1/tenant")
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
    }
  }

  @Test
  void keepsAdminAndTenantEndpointsApart() {
    TenantKey tenant = ApiClient.newTenant("apart");
    as(tenant.key()).get("/api/v1/admin/tenants").then().statusCode(403);
    as(tenant.key())
        .body(Map.of("slug", "sneaky", "name", "x", "sipDomain", "sneaky.example.net"))
        .post("/api/v1/admin/tenants")
        .then()
        .statusCode(403);
    as(adminKey()).get("/api/v1/tenant").then().statusCode(403);
  }

  @Test
  void tenantKeyCanIssueAndRevokeItsOwnKeys() {
    TenantKey tenant = ApiClient.newTenant("selfservice");
    String second =
        as(tenant.key())
            .body(Map.of("label", "rotation"))
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    as(second).get("/api/v1/tenant").then().statusCode(200).body("slug", equalTo(tenant.slug()));
    as(tenant.key()).delete("/api/v1/keys/" + second.substring(0, 11)).then().statusCode(200);
    as(second).get("/api/v1/tenant").then().statusCode(401);
  }
}
