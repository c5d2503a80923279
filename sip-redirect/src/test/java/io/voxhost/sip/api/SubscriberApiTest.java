package io.voxhost.sip.api;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.BodySender;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.sip.service.SubscriberDirectory;
import io.voxhost.sip.transport.SipPortResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The subscriber API: CRUD, isolation between tenants, and the CSV import. */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SubscriberApiTest {

  @Inject SubscriberDirectory directory;
  @Inject DataSource dataSource;

  private static final String BASE = "/api/v1/sip/subscribers";

  @Test
  void createsListsUpdatesAndDeletesASubscriber() {
    TenantKey t = ApiClient.newTenant("subs");
    as(t.key())
        .body(Map.of("username", "1001", "password", "s3cret-pass", "displayName", "Reception"))
        .post(BASE)
        .then()
        .statusCode(201)
        .header("Location", containsString(BASE + "/1001"))
        .body("username", equalTo("1001"))
        .body("displayName", equalTo("Reception"))
        .body("$", not(org.hamcrest.Matchers.hasKey("password")))
        .body("$", not(org.hamcrest.Matchers.hasKey("ha1Md5")));
    as(t.key())
        .body(Map.of("username", "1001", "password", "other-pass-1"))
        .post(BASE)
        .then()
        .statusCode(409);
    as(t.key()).get(BASE).then().statusCode(200).body("username", hasItem("1001"));
    as(t.key())
        .body(Map.of("displayName", "Front desk"))
        .patch(BASE + "/1001")
        .then()
        .statusCode(200)
        .body("displayName", equalTo("Front desk"));
    as(t.key()).delete(BASE + "/1001").then().statusCode(204);
    as(t.key()).get(BASE + "/1001").then().statusCode(404);
  }

  @Test
  void answersAReadFromMemoryUntilAChangeIsAnnounced() throws SQLException {
    TenantKey t = ApiClient.newTenant("subsmem");
    String tenantId = as(t.key()).get("/api/v1/tenant").then().extract().path("id");
    as(t.key())
        .body(Map.of("username", "3001", "password", "s3cret-pass", "displayName", "Before"))
        .post(BASE)
        .then()
        .statusCode(201);
    as(t.key()).get(BASE + "/3001").then().statusCode(200).body("displayName", equalTo("Before"));

    // Written behind the node's back, without a notice: the node answers from memory.
    sql(
        "update sip.subscriber set display_name = 'Behind its back' where tenant_id = ?::uuid"
            + " and username = '3001'",
        tenantId);
    as(t.key()).get(BASE + "/3001").then().statusCode(200).body("displayName", equalTo("Before"));

    // The notice another node sends with its change.
    sql(
        "select pg_notify('" + SubscriberDirectory.CHANNEL + "', 'another-node' || chr(10) || ?)",
        SubscriberDirectory.line(UUID.fromString(tenantId), "3001"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                as(t.key())
                    .get(BASE + "/3001")
                    .then()
                    .statusCode(200)
                    .body("displayName", equalTo("Behind its back")));
  }

  private void sql(String statement, String parameter) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setString(1, parameter);
      s.execute();
    }
  }

  @Test
  void keepsTenantsApart() {
    TenantKey a = ApiClient.newTenant("subsa");
    TenantKey b = ApiClient.newTenant("subsb");
    as(a.key())
        .body(Map.of("username", "2001", "password", "s3cret-pass"))
        .post(BASE)
        .then()
        .statusCode(201);
    as(b.key()).get(BASE + "/2001").then().statusCode(404);
    as(b.key()).delete(BASE + "/2001").then().statusCode(404);
    as(b.key()).get(BASE).then().statusCode(200).body("$", hasSize(0));
    as(ApiClient.adminKey()).get(BASE).then().statusCode(403);
  }

  @Test
  void refusesBadFieldsNamingThem() {
    TenantKey t = ApiClient.newTenant("subsbad");
    as(t.key())
        .body(Map.of("username", "has space", "password", "s3cret-pass"))
        .post(BASE)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("username"));
    as(t.key())
        .body(Map.of("username", "3001", "password", "short"))
        .post(BASE)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("password"));
    as(t.key()).get(BASE).then().body("$", hasSize(0));
  }

  @Test
  void importsCsvWithHeaderAndQuotes() {
    TenantKey t = ApiClient.newTenant("subsimp");
    String csv =
        "username,password,displayName\n"
            + "4001,pass-4001-x,\"Smith, Jane\"\n"
            + "4002,pass-4002-x,\n"
            + "4003,pass-4003-x\n";
    as(t.key())
        .contentType("text/csv")
        .body(csv)
        .post(BASE + "/import")
        .then()
        .statusCode(200)
        .body("created", equalTo(3))
        .body("updated", equalTo(0));
    as(t.key()).get(BASE + "/4001").then().body("displayName", equalTo("Smith, Jane"));
    as(t.key()).get(BASE + "/4002").then().body("displayName", nullValue());
    as(t.key())
        .contentType("text/csv")
        .body("4001,new-pass-4001,Jane Smith\n")
        .post(BASE + "/import")
        .then()
        .statusCode(200)
        .body("created", equalTo(0))
        .body("updated", equalTo(1));
  }

  @Test
  void importsNothingWhenAnyRowIsBadAndNamesTheLines() {
    TenantKey t = ApiClient.newTenant("subsrej");
    String csv =
        "5001,pass-5001-x,Good\n"
            + "bad user,pass-5002-x,Bad name\n"
            + "5003,short,Bad password\n"
            + "5001,pass-5001-y,Duplicate\n"
            + "5005\n";
    as(t.key())
        .contentType("text/csv")
        .body(csv)
        .post(BASE + "/import")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("4 bad row(s)"))
        .body(
            "errors.field", org.hamcrest.Matchers.contains("line 2", "line 3", "line 4", "line 5"));
    as(t.key()).get(BASE).then().body("$", hasSize(0));
  }

  @Test
  void imports100000RowsQuickly() {
    TenantKey t = ApiClient.newTenant("subsbig");
    StringBuilder csv = new StringBuilder(4_000_000);
    for (int i = 0; i < 100_000; i++) {
      csv.append("u").append(i).append(",pw-").append(UUID.randomUUID().toString(), 0, 12);
      csv.append(",User ").append(i).append('\n');
    }
    long start = System.nanoTime();
    as(t.key())
        .contentType("text/csv")
        .body(csv.toString())
        .post(BASE + "/import")
        .then()
        .statusCode(200)
        .body("created", equalTo(100_000));
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("imported 100000 subscribers in %d ms%n", millis);
    assertThat(millis).isLessThan(60_000);
    as(t.key()).get(BASE + "?limit=2&after=u99998").then().body("username", hasItem("u99999"));
  }

  @Test
  void aCsvOverTenMegabytesReachesTheImportWhileOtherPathsStopAtTen() {
    TenantKey t = ApiClient.newTenant("subsbody");
    long size = 11L * 1024 * 1024;
    // Every row is bad: the import reads all 11 MB and answers for itself.
    BodySender.Answer imported =
        BodySender.post(BASE + "/import", t.key(), "bad user,pass-x-xx,Name\n", size, true, size);
    assertThat(imported.status()).as(imported.head()).isEqualTo(400);
    assertThat(imported.body()).contains("bad row(s)").doesNotContain("body-too-large");
    BodySender.Answer other = BodySender.post(BASE, t.key(), size, true, size);
    assertThat(other.status()).as(other.head()).isEqualTo(413);
    assertThat(other.body()).contains("body-too-large");
    as(t.key()).get(BASE).then().statusCode(200).body("$", hasSize(0));
  }
}
