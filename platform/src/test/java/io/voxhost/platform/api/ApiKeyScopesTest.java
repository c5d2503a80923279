package io.voxhost.platform.api;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.RawHttp;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keys carry scopes, held centrally by the authentication filter. The attacks: a narrow key tries
 * to mint a wider one, to write anywhere, to read beyond recordings, and to reach another resource
 * by spelling a path so that it looks like a recording's.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class ApiKeyScopesTest {

  @Inject RecordingsStandIn recordings;

  private static String keyOf(TenantKey tenant, String scope) {
    return as(tenant.key())
        .body(Map.of("label", scope + " key", "scope", scope))
        .post("/api/v1/keys")
        .then()
        .statusCode(201)
        .body("scope", equalTo(scope))
        .extract()
        .path("key");
  }

  private static void assertOutOfScope(ValidatableResponse response, String scope) {
    response
        .statusCode(403)
        .contentType("application/problem+json")
        .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
        .body("status", equalTo(403))
        .body("title", equalTo("Insufficient scope"))
        .body("detail", containsString("scope is " + scope));
  }

  @Test
  void aKeyIsFullUnlessMadeNarrowerAndListingsShowEachScope() {
    TenantKey tenant = ApiClient.newTenant("scopes");
    String plain =
        as(tenant.key())
            .body(Map.of("label", "rotation"))
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .body("scope", equalTo("full"))
            .extract()
            .path("prefix");
    String readOnly = keyOf(tenant, "read-only").substring(0, 11);
    String recordingsRead = keyOf(tenant, "recordings-read").substring(0, 11);

    as(tenant.key())
        .get("/api/v1/keys")
        .then()
        .statusCode(200)
        .body("find { it.prefix == '" + plain + "' }.scope", equalTo("full"))
        .body("find { it.prefix == '" + readOnly + "' }.scope", equalTo("read-only"))
        .body("find { it.prefix == '" + recordingsRead + "' }.scope", equalTo("recordings-read"))
        .body(
            "find { it.prefix == '" + tenant.key().substring(0, 11) + "' }.scope", equalTo("full"));
    as(tenant.key())
        .get("/api/v1/keys/" + readOnly)
        .then()
        .statusCode(200)
        .body("scope", equalTo("read-only"));
    as(adminKey())
        .get("/api/v1/admin/tenants/" + tenant.slug() + "/keys")
        .then()
        .statusCode(200)
        .body("scope", hasItem("recordings-read"));
  }

  @Test
  void refusesAnUnknownScopeNamingTheField() {
    TenantKey tenant = ApiClient.newTenant("unknownscope");
    as(tenant.key())
        .body(Map.of("label", "x", "scope", "root"))
        .post("/api/v1/keys")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", hasItem(containsString("scope")));
    as(adminKey())
        .body(Map.of("label", "x", "scope", "root"))
        .post("/api/v1/admin/tenants/" + tenant.slug() + "/keys")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem(containsString("scope")));
  }

  @Test
  void anAdminIssuesANarrowKeyThatCannotManageKeys() {
    TenantKey tenant = ApiClient.newTenant("adminscope");
    String key =
        as(adminKey())
            .body(Map.of("label", "crm", "scope", "recordings-read"))
            .post("/api/v1/admin/tenants/" + tenant.slug() + "/keys")
            .then()
            .statusCode(201)
            .body("scope", equalTo("recordings-read"))
            .extract()
            .path("key");
    assertOutOfScope(
        as(key).body(Map.of("label", "escalate")).post("/api/v1/keys").then(), "recordings-read");
  }

  @Test
  void aReadOnlyKeyCannotMintListOrRevokeKeys() {
    TenantKey tenant = ApiClient.newTenant("readonly-mint");
    String readOnly = keyOf(tenant, "read-only");
    for (String scope : List.of("full", "read-only", "recordings-read")) {
      assertOutOfScope(
          as(readOnly)
              .body(Map.of("label", "escalate", "scope", scope))
              .post("/api/v1/keys")
              .then(),
          "read-only");
    }
    assertOutOfScope(as(readOnly).get("/api/v1/keys").then(), "read-only");
    assertOutOfScope(
        as(readOnly).get("/api/v1/keys/" + tenant.key().substring(0, 11)).then(), "read-only");
    assertOutOfScope(
        as(readOnly).delete("/api/v1/keys/" + tenant.key().substring(0, 11)).then(), "read-only");
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200);
    as(tenant.key())
        .get("/api/v1/keys")
        .then()
        .statusCode(200)
        .body("size()", equalTo(2)); // nothing was minted
  }

  @Test
  void aReadOnlyKeyReadsEverywhereAndWritesNowhere() {
    TenantKey tenant = ApiClient.newTenant("readonly");
    String readOnly = keyOf(tenant, "read-only");
    int writesBefore = recordings.writes();

    as(readOnly).get("/api/v1/tenant").then().statusCode(200).body("slug", equalTo(tenant.slug()));
    as(readOnly).get("/api/v1/recordings").then().statusCode(200);
    as(readOnly).get("/api/v1/recordings/settings").then().statusCode(200);
    as(readOnly).head("/api/v1/recordings/r1").then().statusCode(200);

    assertOutOfScope(as(readOnly).post("/api/v1/recordings").then(), "read-only");
    assertOutOfScope(as(readOnly).put("/api/v1/recordings/settings").then(), "read-only");
    assertOutOfScope(as(readOnly).patch("/api/v1/recordings/r1").then(), "read-only");
    assertOutOfScope(as(readOnly).delete("/api/v1/recordings/r1").then(), "read-only");
    assertOutOfScope(
        as(readOnly)
            .body(Map.of("slug", "sneaky", "name", "x", "sipDomain", "sneaky.example.net"))
            .post("/api/v1/admin/tenants")
            .then(),
        "read-only");
    assertThat(recordings.writes()).as("no write reached a resource").isEqualTo(writesBefore);

    as(tenant.key()).post("/api/v1/recordings").then().statusCode(200);
    assertThat(recordings.writes()).as("a full key writes").isEqualTo(writesBefore + 1);
  }

  @Test
  void aRecordingsReadKeyOnlyDownloadsRecordings() {
    TenantKey tenant = ApiClient.newTenant("crm");
    String crm = keyOf(tenant, "recordings-read");
    int writesBefore = recordings.writes();

    as(crm).get("/api/v1/recordings").then().statusCode(200);
    as(crm).get("/api/v1/recordings/r1").then().statusCode(200).body(equalTo("recording r1"));
    as(crm).get("/api/v1/recordings/r1/audio.wav").then().statusCode(200);
    as(crm).head("/api/v1/recordings/r1/audio.wav").then().statusCode(200);

    assertOutOfScope(as(crm).get("/api/v1/tenant").then(), "recordings-read");
    assertOutOfScope(as(crm).get("/api/v1/keys").then(), "recordings-read");
    assertOutOfScope(as(crm).get("/api/v1/recordings/settings").then(), "recordings-read");
    assertOutOfScope(as(crm).get("/api/v1/recordings/sessions").then(), "recordings-read");
    assertOutOfScope(as(crm).post("/api/v1/recordings").then(), "recordings-read");
    assertOutOfScope(as(crm).delete("/api/v1/recordings/r1").then(), "recordings-read");
    assertOutOfScope(
        as(crm).body(Map.of("label", "x")).post("/api/v1/keys").then(), "recordings-read");
    assertThat(recordings.writes()).isEqualTo(writesBefore);
  }

  @Test
  void noSpellingOfAPathWidensARecordingsReadKey() {
    TenantKey tenant = ApiClient.newTenant("spelling");
    String crm = keyOf(tenant, "recordings-read");
    for (String target :
        List.of(
            "/api/v1/recordings/../tenant",
            "/api/v1/recordings/../../v1/tenant",
            "/api/v1/recordings/%2e%2e/tenant",
            "/api/v1/recordings/%2E%2E/keys",
            "/api/v1/recordings/..%2Ftenant",
            "/api/v1/recordings%2F..%2Ftenant",
            "/api/v1/recordings/./../keys",
            "/api/v1/recordings;x=1/../tenant",
            "/api/v1/recordings/r1/..;/../tenant",
            "//api/v1/tenant",
            "/api/v1//tenant",
            "/api/v1/recordings/%2e%2e%2fsettings")) {
      RawHttp.Answer answer =
          RawHttp.send("127.0.0.1", "GET", target, "Authorization: Bearer " + crm);
      assertThat(answer.status()).as(target).isIn(400, 403, 404);
      assertThat(answer.rest()).as(target).doesNotContain(tenant.slug()).doesNotContain("vx_");
    }
  }
}
