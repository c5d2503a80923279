package io.voxhost.platform.api;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import org.junit.jupiter.api.Test;

/** PATCH of a tenant changes only the fields it names. */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class TenantPatchTest {

  @Test
  void changesOnlyTheNamedFields() {
    var tenant = ApiClient.newTenant("patch");
    String path = "/api/v1/admin/tenants/" + tenant.slug();
    as(adminKey())
        .get(path)
        .then()
        .statusCode(200)
        .body("sipRegisterAuth", equalTo(true))
        .body("sipDomain", equalTo(tenant.slug() + ".example.net"));

    as(adminKey())
        .body("{\"sipRegisterAuth\":false}")
        .patch(path)
        .then()
        .statusCode(200)
        .body("sipRegisterAuth", equalTo(false))
        .body("sipDomain", equalTo(tenant.slug() + ".example.net"));

    as(adminKey())
        .body("{\"name\":\"Renamed\",\"sipDomain\":\"Other-" + tenant.slug() + ".example.net\"}")
        .patch(path)
        .then()
        .statusCode(200)
        .body("name", equalTo("Renamed"))
        .body("sipDomain", equalTo("other-" + tenant.slug() + ".example.net"))
        .body("sipRegisterAuth", equalTo(false));

    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200).body("name", equalTo("Renamed"));
  }

  @Test
  void refusesAnUnknownTenantATakenDomainAndABadFlag() {
    var first = ApiClient.newTenant("patcha");
    var second = ApiClient.newTenant("patchb");
    as(adminKey())
        .body("{\"name\":\"x\"}")
        .patch("/api/v1/admin/tenants/nobody")
        .then()
        .statusCode(404);
    as(adminKey())
        .body("{\"sipDomain\":\"" + first.slug() + ".example.net\"}")
        .patch("/api/v1/admin/tenants/" + second.slug())
        .then()
        .statusCode(409);
    as(adminKey())
        .body("{\"sipRegisterAuth\":\"maybe\"}")
        .patch("/api/v1/admin/tenants/" + second.slug())
        .then()
        .statusCode(400);
  }

  @Test
  void setsChecksAndClearsTheDigestAlgorithms() {
    var tenant = ApiClient.newTenant("patchalg");
    String path = "/api/v1/admin/tenants/" + tenant.slug();
    as(adminKey()).get(path).then().statusCode(200).body("sipDigestAlgorithms", empty());
    as(adminKey())
        .body("{\"sipDigestAlgorithms\":[\"SHA-256\",\"md5\"]}")
        .patch(path)
        .then()
        .statusCode(200)
        .body("sipDigestAlgorithms", contains("SHA-256", "MD5"))
        .body("sipRegisterAuth", equalTo(true));
    as(adminKey())
        .body("{\"name\":\"Kept\"}")
        .patch(path)
        .then()
        .statusCode(200)
        .body("sipDigestAlgorithms", contains("SHA-256", "MD5"));
    for (String bad :
        new String[] {
          "[\"SHA-512\"]", "[\"MD5\",\"MD5\"]", "[\"MD5\",\"SHA-256\",\"MD5\"]", "[null]"
        }) {
      as(adminKey())
          .body("{\"sipDigestAlgorithms\":" + bad + "}")
          .patch(path)
          .then()
          .statusCode(400)
          .body("errors.field", hasItem(startsWith("sipDigestAlgorithms")));
    }
    as(adminKey())
        .body("{\"sipDigestAlgorithms\":[]}")
        .patch(path)
        .then()
        .statusCode(200)
        .body("sipDigestAlgorithms", empty());
  }
}
