package io.voxhost.tftp.api;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.BodySender;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The device registry API: CRUD, validation, isolation between tenants, import and preview. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DeviceApiTest {

  static final String BASE = "/api/v1/provisioning/devices";

  /** A MAC no other test uses, as twelve lower-case hex digits. */
  static String randomMac() {
    return TestData.mac("0004f2");
  }

  static String colons(String mac) {
    return mac.replaceAll("(..)(?!$)", "$1:");
  }

  @Test
  void createsReadsReplacesAndDeletesADeviceWhateverTheMacNotation() {
    TenantKey t = ApiClient.newTenant("dev");
    String mac = randomMac();
    as(t.key())
        .body(
            Map.of(
                "mac",
                colons(mac).toUpperCase().replace(':', '-'),
                "vendor",
                "Yealink",
                "model",
                "T46U",
                "lines",
                List.of(Map.of("user", "1001", "displayName", "Reception", "password", "s3cret"))))
        .post(BASE)
        .then()
        .statusCode(201)
        .header("Location", containsString(colons(mac)))
        .body("mac", equalTo(colons(mac)))
        .body("vendor", equalTo("yealink"))
        .body("lines[0].passwordSet", equalTo(true))
        .body("lines[0].password", nullValue())
        .body("lastFetch", nullValue());

    as(t.key()).get(BASE + "/" + mac).then().statusCode(200).body("model", equalTo("T46U"));
    as(t.key()).get(BASE).then().statusCode(200).body("mac", hasItem(colons(mac)));

    as(t.key())
        .body(
            Map.of(
                "vendor", "yealink",
                "model", "T54W",
                "timeZone", "Europe/Paris",
                "lines", List.of(Map.of("user", "1001", "displayName", "Front desk"))))
        .put(BASE + "/" + colons(mac))
        .then()
        .statusCode(200)
        .body("model", equalTo("T54W"))
        .body("lines[0].passwordSet", equalTo(true)); // kept: not given on the replace

    as(t.key()).delete(BASE + "/" + mac).then().statusCode(204);
    as(t.key()).get(BASE + "/" + mac).then().statusCode(404);
  }

  @Test
  void anotherTenantNeitherSeesNorTakesTheDevice() {
    TenantKey owner = ApiClient.newTenant("own");
    TenantKey other = ApiClient.newTenant("oth");
    String mac = randomMac();
    as(owner.key())
        .body(Map.of("mac", mac, "vendor", "cisco", "model", "CP-8841"))
        .post(BASE)
        .then()
        .statusCode(201);

    as(other.key()).get(BASE + "/" + mac).then().statusCode(404);
    as(other.key()).delete(BASE + "/" + mac).then().statusCode(404);
    as(other.key())
        .body(Map.of("vendor", "cisco", "model", "x"))
        .put(BASE + "/" + mac)
        .then()
        .statusCode(404);
    as(other.key())
        .body(Map.of("mac", mac, "vendor", "cisco", "model", "CP-8841"))
        .post(BASE)
        .then()
        .statusCode(409);
    as(other.key())
        .get(BASE + "/" + mac + "/preview/SEP" + mac + ".cnf.xml")
        .then()
        .statusCode(404);
  }

  @Test
  void refusesBadFieldsNamingEachOne() {
    TenantKey t = ApiClient.newTenant("bad");
    as(t.key())
        .body(
            Map.of(
                "mac", "00:11:22:33:44",
                "vendor", "aastra",
                "model", "",
                "timeZone", "Mars/Olympus",
                "lines", List.of(Map.of("user", "10 01", "displayName", "Evil\nkey = value")),
                "variables", Map.of("1bad", "x")))
        .post(BASE)
        .then()
        .statusCode(400)
        .contentType(containsString("problem+json"))
        .body("errors.field", hasItem("mac"))
        .body("errors.field", hasItem("vendor"))
        .body("errors.field", hasItem("model"))
        .body("errors.field", hasItem("timeZone"))
        .body("errors.field", hasItem("lines[0].user"))
        .body("errors.field", hasItem("variables"));
    as(t.key())
        .body(Map.of("mac", randomMac(), "vendor", "snom", "model", "D785", "site", "nowhere"))
        .post(BASE)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("site"));
    given().get(BASE).then().statusCode(401);
  }

  @Test
  void importsAllGoodRowsOrNoneAndNamesBadLines() {
    TenantKey t = ApiClient.newTenant("imp");
    String a = randomMac();
    String b = randomMac();
    String bad =
        "mac,vendor,model,site,timeZone,language,lineUser,lineDisplayName,linePassword\n"
            + a
            + ",polycom,VVX450,,,,2001,\"Smith, Ann\",pw1\n"
            + "not-a-mac,polycom,VVX450\n"
            + b
            + ",grandstream,GRP2614,,,,2002,Bob,pw2\n"
            + a
            + ",yealink,T46U\n";
    as(t.key())
        .contentType("text/csv")
        .body(bad)
        .post(BASE + "/import")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("line 3"))
        .body("errors.field", hasItem("line 5"));
    as(t.key()).get(BASE + "/" + a).then().statusCode(404);

    String good = a + ",polycom,VVX450,,,,2001,\"Smith, Ann\",pw1\n" + b + ",grandstream,GRP2614\n";
    as(t.key())
        .contentType("text/csv")
        .body(good)
        .post(BASE + "/import")
        .then()
        .statusCode(200)
        .body("imported", equalTo(2));
    as(t.key())
        .get(BASE + "/" + a)
        .then()
        .statusCode(200)
        .body("lines[0].displayName", equalTo("Smith, Ann"));
  }

  @Test
  void reImportingADeviceChangesOnlyTheColumnsTheImportCarries() {
    TenantKey t = ApiClient.newTenant("reimp");
    String mac = randomMac();
    as(t.key())
        .body(
            Map.of(
                "mac", mac,
                "vendor", "polycom",
                "model", "VVX450",
                "timeZone", "Europe/Paris",
                "variables", Map.of("ntpServer", "ntp.example.com"),
                "httpUser", "phone",
                "httpPassword", "kept-password-1",
                "lines", List.of(Map.of("user", "2001", "password", "sip-secret-2001"))))
        .post(BASE)
        .then()
        .statusCode(201);
    assertThat(given().get("/provision/" + mac + "-phone.cfg").statusCode()).isEqualTo(401);

    // An import of the inventory's three columns: a new model, nothing else said.
    as(t.key())
        .contentType("text/csv")
        .body("mac,vendor,model\n" + mac + ",polycom,VVX450-B\n")
        .post(BASE + "/import")
        .then()
        .statusCode(200)
        .body("imported", equalTo(1));

    as(t.key())
        .get(BASE + "/" + mac)
        .then()
        .statusCode(200)
        .body("model", equalTo("VVX450-B"))
        .body("httpUser", equalTo("phone"))
        .body("timeZone", equalTo("Europe/Paris"))
        .body("variables.ntpServer", equalTo("ntp.example.com"))
        .body("lines[0].user", equalTo("2001"));
    // Still not public: the file with the SIP password needs the credentials it had.
    assertThat(given().get("/provision/" + mac + "-phone.cfg").statusCode()).isEqualTo(401);
    String served =
        given()
            .auth()
            .preemptive()
            .basic("phone", "kept-password-1")
            .get("/provision/" + mac + "-phone.cfg")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(served).contains("sip-secret-2001");
  }

  @Test
  void previewRendersTheDevicesFileEscapingWhatItInserts() {
    TenantKey t = ApiClient.newTenant("prev");
    String mac = randomMac();
    as(t.key())
        .body(
            Map.of(
                "mac",
                mac,
                "vendor",
                "cisco",
                "model",
                "CP-8845",
                "lines",
                List.of(Map.of("user", "3001", "displayName", "R&D <lab>", "password", "pw\"1"))))
        .post(BASE)
        .then()
        .statusCode(201);

    String body =
        as(t.key())
            .get(BASE + "/" + mac + "/preview/SEP" + mac.toUpperCase() + ".cnf.xml")
            .then()
            .statusCode(200)
            .extract()
            .asString();

    assertThat(body)
        .contains("<name>3001</name>")
        .contains("R&amp;D &lt;lab&gt;")
        .contains("<authPassword>pw&quot;1</authPassword>")
        .contains("<processNodeName>" + t.slug() + ".example.net</processNodeName>");
    as(t.key()).get(BASE + "/" + mac + "/preview/" + mac + ".cfg").then().statusCode(404);
  }

  @Test
  void aCsvOverTenMegabytesReachesTheImportWhileOtherPathsStopAtTen() {
    TenantKey t = ApiClient.newTenant("devbody");
    long size = 11L * 1024 * 1024;
    // Every row is bad: the import reads all 11 MB and answers for itself.
    BodySender.Answer imported =
        BodySender.post(BASE + "/import", t.key(), "not-a-mac,polycom,VVX450\n", size, true, size);
    assertThat(imported.status()).as(imported.head()).isEqualTo(400);
    assertThat(imported.body()).contains("invalid-request").doesNotContain("body-too-large");
    BodySender.Answer other = BodySender.post(BASE, t.key(), size, true, size);
    assertThat(other.status()).as(other.head()).isEqualTo(413);
    assertThat(other.body()).contains("body-too-large");
  }
}
