package io.voxhost.cnam;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.voxhost.cnam.api.CallerName;
import io.voxhost.cnam.api.CallerNames;
import io.voxhost.cnam.service.DirectoryMemory;
import io.voxhost.cnam.service.DirectoryReader;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The tenant's and the platform's directories over HTTP, and as steps of the lookup chain: the
 * tenant's own entry first, the platform's for every tenant, another tenant's never.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DirectoryApiTest {

  static final String CNAM = "/api/v1/cnam/";
  static final String DIRECTORY = "/api/v1/cnam/directory";
  static final String PLATFORM = "/api/v1/admin/cnam/directory";

  @Inject CallerNames names;
  @Inject DirectoryMemory memory;
  @Inject DirectoryReader reader;

  @Test
  void theTenantsEntryBeatsThePlatformsWhichEveryTenantSees() {
    TenantKey t = ApiClient.newTenant("dir-chain");
    TenantKey other = ApiClient.newTenant("dir-chain-other");
    String number = "+12025550111";
    as(t.key()).get(CNAM + number).then().body("source", equalTo("none"));

    as(adminKey())
        .body(Map.of("name", "Platform Pizza"))
        .put(PLATFORM + "/" + number)
        .then()
        .statusCode(201);
    for (TenantKey k : List.of(t, other)) {
      as(k.key())
          .get(CNAM + number)
          .then()
          .body("name", equalTo("Platform Pizza"))
          .body("source", equalTo("platform"));
    }

    as(t.key())
        .body(Map.of("name", "Our Pizza Supplier"))
        .put(DIRECTORY + "/" + number)
        .then()
        .statusCode(201);
    as(t.key())
        .get(CNAM + number)
        .then()
        .body("number", equalTo(number))
        .body("name", equalTo("Our Pizza Supplier"))
        .body("source", equalTo("directory"));
    as(other.key()).get(CNAM + number).then().body("source", equalTo("platform"));

    as(t.key()).delete(DIRECTORY + "/" + number).then().statusCode(204);
    as(t.key()).get(CNAM + number).then().body("source", equalTo("platform"));
    as(adminKey()).delete(PLATFORM + "/" + number).then().statusCode(204);
    as(t.key()).get(CNAM + number).then().body("source", equalTo("none"));
  }

  @Test
  void putCreatesThenReplacesAndTheListPagesByNumber() {
    TenantKey t = ApiClient.newTenant("dir-crud");
    // Written as a national number in the tenant's region, stored and answered in E.164.
    as(t.key()).body(Map.of("defaultRegion", "US")).put(CNAM + "settings").then().statusCode(200);
    as(t.key())
        .body(Map.of("name", "Acme  Plumbing "))
        .put(DIRECTORY + "/(415) 555-0101")
        .then()
        .statusCode(201)
        .header("Location", endsWith(DIRECTORY + "/+14155550101"))
        .body("number", equalTo("+14155550101"))
        .body("name", equalTo("Acme Plumbing"));
    as(t.key())
        .body(Map.of("name", "Acme Plumbing & Heating"))
        .put(DIRECTORY + "/+14155550101")
        .then()
        .statusCode(200)
        .body("name", equalTo("Acme Plumbing & Heating"));
    as(t.key())
        .get(DIRECTORY + "/4155550101")
        .then()
        .statusCode(200)
        .body("name", equalTo("Acme Plumbing & Heating"))
        .body("updatedAt", containsString("T"));
    for (String n : List.of("+14155550103", "+14155550102")) {
      as(t.key()).body(Map.of("name", "N" + n)).put(DIRECTORY + "/" + n).then().statusCode(201);
    }

    as(t.key())
        .get(DIRECTORY + "?limit=2")
        .then()
        .statusCode(200)
        .body("entries.number", equalTo(List.of("+14155550101", "+14155550102")))
        .body("next", equalTo("+14155550102"));
    as(t.key())
        .queryParam("after", "+14155550102")
        .queryParam("limit", 2)
        .get(DIRECTORY)
        .then()
        .body("entries.number", equalTo(List.of("+14155550103")))
        .body("next", nullValue());
    for (String limit : List.of("0", "1001")) {
      as(t.key()).get(DIRECTORY + "?limit=" + limit).then().statusCode(400);
    }

    as(t.key()).delete(DIRECTORY + "/+14155550101").then().statusCode(204);
    as(t.key()).get(DIRECTORY + "/+14155550101").then().statusCode(404);
    as(t.key()).delete(DIRECTORY + "/+14155550101").then().statusCode(404);
    as(t.key()).delete(DIRECTORY).then().statusCode(200).body("removed", equalTo(2));
    as(t.key()).get(DIRECTORY).then().body("entries", equalTo(List.of()));
  }

  @Test
  void anotherTenantsEntryIs404AndNeverInItsLookups() {
    TenantKey owner = ApiClient.newTenant("dir-owner");
    TenantKey stranger = ApiClient.newTenant("dir-stranger");
    String number = "+12025550122";
    as(owner.key())
        .body(Map.of("name", "Secret Client"))
        .put(DIRECTORY + "/" + number)
        .then()
        .statusCode(201);
    as(stranger.key()).get(DIRECTORY + "/" + number).then().statusCode(404);
    as(stranger.key()).delete(DIRECTORY + "/" + number).then().statusCode(404);
    as(stranger.key()).get(DIRECTORY).then().body("entries", equalTo(List.of()));
    as(stranger.key())
        .get(CNAM + number)
        .then()
        .body("name", nullValue())
        .body("source", equalTo("none"));
    // The stranger's clear and replace leave the owner's directory alone.
    as(stranger.key()).delete(DIRECTORY).then().statusCode(200).body("removed", equalTo(0));
    csv(stranger.key()).body("+12025550123,Mine\n").post(DIRECTORY + "/import?replace=true");
    as(owner.key()).get(CNAM + number).then().body("name", equalTo("Secret Client"));
  }

  @Test
  void theTenantsKeysCannotTouchThePlatformsDirectoryNorAdminKeysATenants() {
    TenantKey t = ApiClient.newTenant("dir-admin");
    as(t.key()).get(PLATFORM).then().statusCode(403);
    as(t.key()).body(Map.of("name", "X")).put(PLATFORM + "/+12025550133").then().statusCode(403);
    csv(t.key()).body("+12025550133,X\n").post(PLATFORM + "/import").then().statusCode(403);
    as(t.key()).delete(PLATFORM).then().statusCode(403);
    as(adminKey()).get(DIRECTORY).then().statusCode(403);
    as(adminKey()).get(PLATFORM + "/+12025550133").then().statusCode(404);
  }

  @Test
  void controlCharactersAreRefusedAndFormatCharactersRemoved() {
    TenantKey t = ApiClient.newTenant("dir-names");
    for (String bad : List.of("Line\nBreak", "Nul\u0000", "Tab\tbed", "Bell\u0007", " ")) {
      as(t.key())
          .body(Map.of("name", bad))
          .put(DIRECTORY + "/+12025550144")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("name"));
    }
    as(t.key()).body("{}").put(DIRECTORY + "/+12025550144").then().statusCode(400);
    as(t.key()).get(DIRECTORY + "/+12025550144").then().statusCode(404);

    // A bidi override would make the name read backwards: removed; a decomposed é composed.
    as(t.key())
        .body(Map.of("name", "\u202eCafe\u0301 " + "x".repeat(300)))
        .put(DIRECTORY + "/+12025550144")
        .then()
        .statusCode(201)
        .body("name", equalTo("Café " + "x".repeat(250)));

    csv(t.key())
        .body("+12025550145,Fine\n+12025550146,\"Bad\rName\"\n")
        .post(DIRECTORY + "/import")
        .then()
        .statusCode(400)
        .body("errors.field", equalTo(List.of("line 2")))
        .body("errors[0].message", containsString("control characters"));
  }

  @Test
  void anInvalidNumberIsA400NamingIt() {
    TenantKey t = ApiClient.newTenant("dir-number");
    for (String bad : List.of("anonymous", "4155550101", "+1415")) {
      as(t.key())
          .body(Map.of("name", "X"))
          .put(DIRECTORY + "/" + bad)
          .then()
          .statusCode(400)
          .body("detail", containsString(bad))
          .body("errors[0].field", equalTo("number"));
      as(t.key()).get(DIRECTORY + "/" + bad).then().statusCode(400);
    }
  }

  @Test
  void importsWithAndWithoutAHeaderAndQuotedCommas() {
    TenantKey t = ApiClient.newTenant("dir-import");
    csv(t.key())
        .body("Number,Name\r\n+12025550151,\"Smith, Jones & Co\"\r\n\r\n+12025550152,Plain\r\n")
        .post(DIRECTORY + "/import")
        .then()
        .statusCode(200)
        .body("rows", equalTo(2))
        .body("replaced", equalTo(false))
        .body("entries", equalTo(2));
    csv(t.key())
        .body("+12025550153,No Header\n+12025550152,Plain Again\n")
        .post(DIRECTORY + "/import")
        .then()
        .statusCode(200)
        .body("entries", equalTo(3));
    as(t.key()).get(CNAM + "+12025550151").then().body("name", equalTo("Smith, Jones & Co"));
    as(t.key()).get(CNAM + "+12025550152").then().body("name", equalTo("Plain Again"));
    as(t.key()).get(CNAM + "+12025550153").then().body("source", equalTo("directory"));
  }

  @Test
  void duplicatesAndInvalidNumbersAreReportedByLineAndNothingIsWritten() {
    TenantKey t = ApiClient.newTenant("dir-bad-rows");
    // The number is remembered as absent before the import is refused.
    as(t.key()).get(CNAM + "+12025550161").then().body("source", equalTo("none"));
    Response refused =
        csv(t.key())
            .body(
                "number,name\n+12025550161,One\n+1 202 555 0161,Same Number\nnot-a-number,X\n"
                    + "+12025550162,Two,Extra\n+12025550163\n")
            .post(DIRECTORY + "/import");
    refused
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("4 bad row(s)"))
        .body("errors.field", equalTo(List.of("line 3", "line 4", "line 5", "line 6")))
        .body("errors[0].message", containsString("line 2"))
        .body("errors[1].message", containsString("not-a-number"));
    as(t.key()).get(DIRECTORY).then().body("entries", equalTo(List.of()));
    as(t.key()).get(CNAM + "+12025550161").then().body("source", equalTo("none"));
    csv(t.key()).body("number,name\n").post(DIRECTORY + "/import").then().statusCode(400);
  }

  @Test
  void aReplaceReplacesTheWholeDirectoryAndAFailedOneKeepsTheOld() {
    TenantKey t = ApiClient.newTenant("dir-replace");
    csv(t.key())
        .body("+12025550171,Old One\n+12025550172,Old Two\n")
        .post(DIRECTORY + "/import")
        .then()
        .statusCode(200);
    as(t.key()).get(CNAM + "+12025550171").then().body("name", equalTo("Old One"));

    csv(t.key())
        .body("+12025550173,New\nbroken,row\n")
        .post(DIRECTORY + "/import?replace=true")
        .then()
        .statusCode(400)
        .body("errors.field", equalTo(List.of("line 2")));
    as(t.key())
        .get(DIRECTORY)
        .then()
        .body("entries.number", equalTo(List.of("+12025550171", "+12025550172")));
    as(t.key()).get(CNAM + "+12025550171").then().body("name", equalTo("Old One"));

    csv(t.key())
        .body("+12025550173,New\n+12025550172,Old Two Renamed\n")
        .post(DIRECTORY + "/import?replace=true")
        .then()
        .statusCode(200)
        .body("replaced", equalTo(true))
        .body("entries", equalTo(2));
    as(t.key()).get(CNAM + "+12025550171").then().body("source", equalTo("none"));
    as(t.key()).get(CNAM + "+12025550172").then().body("name", equalTo("Old Two Renamed"));
    as(t.key()).get(CNAM + "+12025550173").then().body("name", equalTo("New"));
  }

  @Test
  void theMemoryHoldsNoMoreThanItsBound() throws Exception {
    TenantKey t = ApiClient.newTenant("dir-bound");
    UUID tenant = ApiClient.tenantId(t);
    // The test profile bounds it at 1000: 1500 numbers' absences, twice (the tenant's and the
    // platform's directory), would be 3000.
    for (int i = 0; i < 1500; i++) {
      names.lookup(tenant, "+1303555" + (1000 + i)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
    assertThat(memory.size()).isLessThanOrEqualTo(1000);
  }

  @Test
  void aBurstOfNewNumbersIsReadManyAStatementInBothDirectories() throws Exception {
    TenantKey t = ApiClient.newTenant("dir-burst");
    UUID tenant = ApiClient.tenantId(t);
    as(t.key())
        .body(Map.of("name", "Ours"))
        .put(DIRECTORY + "/+13125550100")
        .then()
        .statusCode(201);
    as(adminKey())
        .body(Map.of("name", "Everyone's"))
        .put(PLATFORM + "/+13125550101")
        .then()
        .statusCode(201);
    // Once the change feed has brought the second write back, what a lookup reads stays known.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              names.lookup(tenant, "+13125550101").toCompletableFuture().get(5, TimeUnit.SECONDS);
              return names.inMemory(tenant, "+13125550101").isPresent();
            });
    names.lookup(tenant, "+13125550100").toCompletableFuture().get(5, TimeUnit.SECONDS);
    DirectoryReader.Reads before = reader.reads();
    List<CompletableFuture<CallerName>> answers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      answers.add(
          names.lookup(tenant, String.format("+1312555%04d", 100 + i)).toCompletableFuture());
    }
    for (int i = 0; i < answers.size(); i++) {
      CallerName answer = answers.get(i).get(5, TimeUnit.SECONDS);
      String expected = i == 0 ? "Ours" : i == 1 ? "Everyone's" : null;
      assertThat(answer.name()).as("+1312555%04d", 100 + i).isEqualTo(expected);
    }
    DirectoryReader.Reads after = reader.reads();
    // Each new number read once, for both directories: the platform's step found it in memory.
    assertThat(after.numbers() - before.numbers()).isEqualTo(298);
    // ...and many a statement: 298 lookups started at once queue behind four readers.
    assertThat(after.statements() - before.statements()).isLessThan(150);
  }

  @Test
  void importsTenThousandRowsAndSaysHowLongItTook() {
    TenantKey t = ApiClient.newTenant("dir-timing");
    StringBuilder body = new StringBuilder("number,name\n");
    for (int i = 0; i < 10_000; i++) {
      body.append(String.format("+1404555%04d", i))
          .append(",\"Customer ")
          .append(i)
          .append(", Inc\"\n");
    }
    long start = System.nanoTime();
    csv(t.key()).body(body.toString()).post(DIRECTORY + "/import").then().statusCode(200);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("DirectoryApiTest: 10,000-row import over HTTP took %d ms%n", millis);
    as(t.key()).get(CNAM + "+14045558999").then().body("name", equalTo("Customer 8999, Inc"));
  }

  /** A directory holds at most directory.max-entries (12,000 in the test profile). */
  @Test
  void aFullDirectoryRefusesNewEntriesAndWritesNothing() {
    TenantKey t = ApiClient.newTenant("dir-full");
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 12_000; i++) {
      body.append(String.format("+1512%07d,Entry %d%n", 5_550_000 + i, i));
    }
    csv(t.key()).body(body.toString()).post(DIRECTORY + "/import").then().statusCode(200);
    // A new number: 409, and nothing written.
    as(t.key())
        .body(Map.of("name", "One Too Many"))
        .put(DIRECTORY + "/+17135550100")
        .then()
        .statusCode(409)
        .body("detail", containsString("max-entries"));
    as(t.key()).get(DIRECTORY + "/+17135550100").then().statusCode(404);
    // Replacing a name that is there still works.
    as(t.key())
        .body(Map.of("name", "Renamed"))
        .put(DIRECTORY + "/+15125550007")
        .then()
        .statusCode(200);
    // An import adding one more is refused whole.
    csv(t.key())
        .body("+17135550101,New\n+15125550008,Renamed Too\n")
        .post(DIRECTORY + "/import")
        .then()
        .statusCode(409);
    as(t.key()).get(CNAM + "+15125550008").then().body("name", equalTo("Entry 8"));
    // Another tenant is not bounded by this one's entries.
    TenantKey other = ApiClient.newTenant("dir-full-other");
    as(other.key())
        .body(Map.of("name", "Free"))
        .put(DIRECTORY + "/+17135550100")
        .then()
        .statusCode(201);
  }

  /**
   * The row bound, through the API (an import path: its body may pass voxhost.http.body-size). The
   * rows are the shortest CSV has, bad ones, which count against the bound exactly as good ones do
   * (CsvImport counts every row before it checks it), so the test need not parse a million numbers.
   */
  @Test
  void refusesAnImportOfMoreThanAMillionRows() {
    TenantKey t = ApiClient.newTenant("dir-million");
    csv(t.key()).body("+12025550181,Kept\n").post(DIRECTORY + "/import").then().statusCode(200);
    String body = "1,A\n".repeat(1_000_001);
    csv(t.key())
        .body(body)
        .post(DIRECTORY + "/import?replace=true")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("line 1000001"))
        .body("errors.message", hasItem(containsString("more than 1000000 rows")));
    as(t.key()).get(DIRECTORY).then().body("entries.number", equalTo(List.of("+12025550181")));
  }

  private static RequestSpecification csv(String key) {
    return as(key).contentType("text/csv");
  }
}
