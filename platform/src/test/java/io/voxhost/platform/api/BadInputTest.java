package io.voxhost.platform.api;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class BadInputTest {

  static Stream<Arguments> badTenantBodies() {
    String longName = "n".repeat(201);
    return Stream.of(
        Arguments.of("{\"slug\":\"bad1\",\"name\":", "body", "malformed JSON"),
        Arguments.of("[1,2,3]", "body", "JSON object"),
        Arguments.of(
            "{\"slug\":\"bad2\",\"name\":\"" + longName + "\",\"sipDomain\":\"bad2.example.net\"}",
            "name",
            "size"),
        Arguments.of(
            "{\"slug\":\"bad3\",\"name\":\"x\",\"sipDomain\":\"bad3.example.net\",\"color\":\"red\"}",
            "color",
            "unknown field"),
        Arguments.of(
            "{\"slug\":\"bad4\",\"name\":[\"x\"],\"sipDomain\":\"bad4.example.net\"}",
            "name",
            "a string"),
        Arguments.of(
            "{\"slug\":\"Bad_5\",\"name\":\"x\",\"sipDomain\":\"bad5.example.net\"}",
            "slug",
            "lower-case"),
        Arguments.of(
            "{\"slug\":\"bad6\",\"name\":\"x\",\"sipDomain\":\"not a domain\"}",
            "sipDomain",
            "domain"),
        Arguments.of("{\"slug\":\"bad7\",\"sipDomain\":\"bad7.example.net\"}", "name", "blank"),
        Arguments.of(
            "{\"slug\":\"bad8\",\"name\":\"line\\nbreak\",\"sipDomain\":\"bad8.example.net\"}",
            "name",
            "control"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("badTenantBodies")
  void rejectsBadTenantBodiesNamingTheFieldAndWritesNothing(
      String body, String field, String hint) {
    var response =
        as(adminKey())
            .body(body)
            .post("/api/v1/admin/tenants")
            .then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("status", equalTo(400))
            .body("type", containsString("invalid-request"));
    if (field.equals("body")) {
      response.body("detail", containsString(hint));
    } else {
      response.body("errors.field", hasItem(field)).body("detail", containsString(field));
    }
    as(adminKey())
        .get("/api/v1/admin/tenants")
        .then()
        .statusCode(200)
        .body("slug", not(hasItem(startsWith("bad"))));
  }

  @Test
  void rejectsAMissingBody() {
    as(adminKey())
        .post("/api/v1/admin/tenants")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void rejectsDuplicateSlugAndSipDomainWithConflict() {
    String body = "{\"slug\":\"dup-one\",\"name\":\"Dup\",\"sipDomain\":\"dup-one.example.net\"}";
    as(adminKey()).body(body).post("/api/v1/admin/tenants").then().statusCode(201);
    as(adminKey())
        .body(body)
        .post("/api/v1/admin/tenants")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("slug"));
    as(adminKey())
        .body("{\"slug\":\"dup-two\",\"name\":\"Dup\",\"sipDomain\":\"DUP-ONE.example.net\"}")
        .post("/api/v1/admin/tenants")
        .then()
        .statusCode(409)
        .body("errors[0].field", equalTo("sipDomain"));
  }

  @Test
  void rejectsAnOverlongKeyLabel() {
    as(adminKey())
        .body("{\"label\":\"" + "l".repeat(101) + "\"}")
        .post("/api/v1/admin/tenants/dup-one/keys")
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("label"));
  }

  @Test
  void concurrentCreatesOfOneSlugYieldOneTenantAndConflicts() throws Exception {
    String body = "{\"slug\":\"race\",\"name\":\"Race\",\"sipDomain\":\"race.example.net\"}";
    String admin = adminKey();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(
            pool.submit(
                () ->
                    as(admin)
                        .body(body)
                        .post("/api/v1/admin/tenants")
                        .then()
                        .extract()
                        .statusCode()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get(60, TimeUnit.SECONDS));
      }
      assertThat(statuses).containsOnly(201, 409);
      assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
