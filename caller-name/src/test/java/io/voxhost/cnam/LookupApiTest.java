package io.voxhost.cnam;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lookups over HTTP: numbers normalised or refused by name, answers that never hide the number. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LookupApiTest {

  static final String CNAM = "/api/v1/cnam/";

  @Test
  void anUnknownNumberAnswersWithTheNumberAndNoName() {
    TenantKey t = ApiClient.newTenant("cnam-none");
    as(t.key())
        .get(CNAM + "+1 (415) 555-0123")
        .then()
        .statusCode(200)
        .body("number", equalTo("+14155550123"))
        .body("name", nullValue())
        .body("source", equalTo("none"))
        .body("cached", equalTo(false))
        .body("ageSeconds", nullValue());
    // The name key is there, null: a client that shows "name ?: number" never sees UNKNOWN.
    assertThat(as(t.key()).get(CNAM + "+14155550123").asString()).contains("\"name\":null");
  }

  @Test
  void aNumberThatIsNoneIsA400QuotingIt() {
    TenantKey t = ApiClient.newTenant("cnam-bad");
    for (String input : List.of("anonymous", "4155550123", "+1415", "sip:@example.com")) {
      as(t.key())
          .get(CNAM + input)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", containsString(input.equals("sip:@example.com") ? "sip:" : input))
          .body("errors[0].field", equalTo("number"));
    }
  }

  @Test
  void theTenantsRegionReadsNationalNumbers() {
    TenantKey t = ApiClient.newTenant("cnam-region");
    as(t.key()).get(CNAM + "(415) 555-0123").then().statusCode(400);
    as(t.key())
        .body(Map.of("defaultRegion", "US", "nameLength", 15))
        .put(CNAM + "settings")
        .then()
        .statusCode(200)
        .body("defaultRegion", equalTo("US"))
        .body("regionInEffect", equalTo("US"))
        .body("nameLengthInEffect", equalTo(15))
        .body("providersInEffect", equalTo(List.of()))
        .body("availableProviders", equalTo(List.of("first", "second")));
    as(t.key())
        .get(CNAM + "(415) 555-0123")
        .then()
        .statusCode(200)
        .body("number", equalTo("+14155550123"));
    as(t.key()).get(CNAM + "tel:+44-20-7946-0018").then().body("number", equalTo("+442079460018"));

    // Another tenant keeps its own (none): the same national number is no number there.
    TenantKey other = ApiClient.newTenant("cnam-region-other");
    as(other.key()).get(CNAM + "(415) 555-0123").then().statusCode(400);
  }

  @Test
  void settingsAreCheckedFieldByField() {
    TenantKey t = ApiClient.newTenant("cnam-settings");
    Map<String, Object> bad = new HashMap<>();
    bad.put("defaultRegion", "XX");
    bad.put("nameLength", 0);
    bad.put("providers", List.of("first", "nope", "first"));
    Response refused = as(t.key()).body(bad).put(CNAM + "settings");
    refused.then().statusCode(400).contentType("application/problem+json");
    assertThat(refused.jsonPath().getList("errors.field", String.class))
        .containsExactlyInAnyOrder("defaultRegion", "nameLength", "providers[1]", "providers[2]");
    as(t.key()).get(CNAM + "settings").then().body("defaultRegion", nullValue());

    as(t.key())
        .body(Map.of("providers", List.of("second", "first")))
        .put(CNAM + "settings")
        .then()
        .statusCode(200)
        .body("providers", equalTo(List.of("second", "first")))
        .body("nameLength", nullValue())
        .body("nameLengthInEffect", equalTo(50));
    as(t.key())
        .get(CNAM + "settings")
        .then()
        .body("providers", equalTo(List.of("second", "first")));
  }

  @Test
  void aBatchAnswersInOrderOrNamesEachBadNumber() {
    TenantKey t = ApiClient.newTenant("cnam-batch");
    List<String> numbers = List.of("+14155550123", "+442079460018", "+14155550123");
    as(t.key())
        .body(Map.of("numbers", numbers))
        .post(CNAM + "lookups")
        .then()
        .statusCode(200)
        .body("results.number", equalTo(List.of("+14155550123", "+442079460018", "+14155550123")))
        .body("results.source", equalTo(List.of("none", "none", "none")));

    Response refused =
        as(t.key())
            .body(Map.of("numbers", List.of("+14155550123", "nope", "+1", "+442079460018")))
            .post(CNAM + "lookups");
    refused.then().statusCode(400);
    assertThat(refused.jsonPath().getList("errors.field", String.class))
        .containsExactly("numbers[1]", "numbers[2]");

    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add("+1415555" + String.format("%04d", i));
    }
    as(t.key()).body(Map.of("numbers", tooMany)).post(CNAM + "lookups").then().statusCode(400);
    as(t.key()).body(Map.of("numbers", List.of())).post(CNAM + "lookups").then().statusCode(400);
    as(t.key()).body("{}").post(CNAM + "lookups").then().statusCode(400);
  }

  @Test
  void aReadOnlyKeyMayPostLookupsButNotChangeSettings() {
    TenantKey t = ApiClient.newTenant("cnam-scope");
    String readOnly =
        as(t.key())
            .body(Map.of("label", "reader", "scope", "read-only"))
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    as(readOnly)
        .body(Map.of("numbers", List.of("+14155550123")))
        .post(CNAM + "lookups")
        .then()
        .statusCode(200);
    as(readOnly).body(Map.of("nameLength", 15)).put(CNAM + "settings").then().statusCode(403);
  }

  @Test
  void anAdminKeyActsForNoTenant() {
    as(ApiClient.adminKey()).get(CNAM + "+14155550123").then().statusCode(403);
  }
}
