package io.voxhost.tftp.transport;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.tftp.codec.TftpPacket;
import io.voxhost.tftp.service.ConfigRenderer;
import io.voxhost.tftp.service.FetchLog;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Files generated from the device registry, fetched as phones fetch them: over TFTP and over HTTP
 * (same bytes), with inheritance of variables, credentials, the audit and template overrides.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class GeneratedFilesTest {

  private static final String DEVICES = "/api/v1/provisioning/devices";

  @Inject TftpEndpoint endpoint;
  @Inject FetchLog fetchLog;
  @Inject ConfigRenderer renderer;

  private static String randomMac() {
    return TestData.mac("805ec0");
  }

  private void device(TenantKey t, String mac, String vendor, String model, Map<String, ?> extra) {
    Map<String, Object> body = new java.util.HashMap<>(extra);
    body.put("mac", mac);
    body.put("vendor", vendor);
    body.put("model", model);
    body.putIfAbsent(
        "lines", List.of(Map.of("user", "1001", "displayName", "Alice", "password", "pw-1001")));
    as(t.key()).body(body).post(DEVICES).then().statusCode(201);
  }

  private byte[] tftp(String name) throws Exception {
    try (RawTftp client = new RawTftp(endpoint.localAddress())) {
      TftpPacket.ReadRequest request = new TftpPacket.ReadRequest(name, "octet", List.of());
      client.send(request, client.server);
      // As real clients do: the server drops a request it cannot take yet (the previous transfer
      // from this address may not have seen its last ACK), expecting it to be sent again.
      TftpPacket first = client.receive();
      for (int retry = 0; first == null && retry < 4; retry++) {
        client.send(request, client.server);
        first = client.receive();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int expected = 1;
      while (true) {
        TftpPacket p = first != null ? first : client.receive();
        first = null;
        if (p == null) {
          throw new AssertionError("no answer from the server for " + name);
        }
        if (p instanceof TftpPacket.ErrorPacket e) {
          throw new TftpRefused(e.code(), e.message());
        }
        TftpPacket.Data d = (TftpPacket.Data) p;
        client.send(new TftpPacket.Ack(d.block()), client.lastSender);
        if (d.block() != (expected & 0xffff)) {
          // A block sent again after a timeout (a loaded machine acknowledges late): kept once.
          continue;
        }
        expected++;
        out.writeBytes(d.payload());
        if (d.payload().length < 512) {
          return out.toByteArray();
        }
      }
    }
  }

  static final class TftpRefused extends Exception {
    final int code;

    TftpRefused(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  private static ExtractableResponse<Response> http(String name) {
    return given().get("/provision/" + name).then().extract();
  }

  @Test
  void everyVendorsFileComesAlikeOverTftpAndHttp() throws Exception {
    TenantKey t = OpenTenants.create("gen");
    String cisco = randomMac();
    String polycom = randomMac();
    String yealink = randomMac();
    String grandstream = randomMac();
    String snom = randomMac();
    device(t, cisco, "cisco", "CP-8841", Map.of());
    device(t, polycom, "polycom", "VVX450", Map.of());
    device(t, yealink, "yealink", "T46U", Map.of());
    device(t, grandstream, "grandstream", "GRP2614", Map.of());
    device(t, snom, "snom", "D785", Map.of());

    Map<String, String> expectations =
        Map.of(
            "SEP" + cisco.toUpperCase() + ".cnf.xml", "<name>1001</name>",
            polycom + ".cfg", "CONFIG_FILES=\"" + polycom + "-phone.cfg\"",
            polycom + "-phone.cfg", "reg.1.auth.password=\"pw-1001\"",
            yealink + ".cfg", "account.1.password = pw-1001",
            yealink + ".boot", "include:config \"" + yealink + ".cfg\"",
            "cfg" + grandstream + ".xml", "<P34>pw-1001</P34>",
            "snomD785-" + snom.toUpperCase() + ".htm", "<user_pass idx=\"1\" perm=\"R\">pw-1001");
    for (Map.Entry<String, String> e : expectations.entrySet()) {
      byte[] overTftp = tftp(e.getKey());
      assertThat(new String(overTftp, StandardCharsets.UTF_8))
          .as(e.getKey())
          .contains(e.getValue());
      ExtractableResponse<Response> overHttp = http(e.getKey());
      assertThat(overHttp.statusCode()).as(e.getKey()).isEqualTo(200);
      assertThat(overHttp.asByteArray()).as(e.getKey()).isEqualTo(overTftp);
    }
    // A Cisco name for a Yealink phone is not that phone's file.
    assertThat(http("SEP" + yealink + ".cnf.xml").statusCode()).isEqualTo(404);
  }

  @Test
  void eachVendorGetsTheTimeZoneInItsOwnNotation() {
    TenantKey t = OpenTenants.create("zones");
    Map<String, String> ny = Map.of("timeZone", "America/New_York");
    String cisco = randomMac();
    String polycom = randomMac();
    String yealink = randomMac();
    String grandstream = randomMac();
    String snom = randomMac();
    device(t, cisco, "cisco", "CP-8841", ny);
    device(t, polycom, "polycom", "VVX450", ny);
    device(t, yealink, "yealink", "T46U", ny);
    device(t, grandstream, "grandstream", "GRP2614", Map.of("timeZone", "Asia/Kolkata"));
    device(t, snom, "snom", "D785", Map.of("timeZone", "Europe/Berlin"));

    assertThat(http("SEP" + cisco.toUpperCase() + ".cnf.xml").asString())
        .contains("<timeZone>Eastern Standard/Daylight Time</timeZone>");
    assertThat(http(polycom + "-phone.cfg").asString())
        .contains("tcpIpApp.sntp.gmtOffset=\"-18000\"")
        .contains("tcpIpApp.sntp.daylightSavings.start.month=\"3\"")
        .contains("tcpIpApp.sntp.daylightSavings.start.date=\"8\"")
        .contains("tcpIpApp.sntp.daylightSavings.stop.month=\"11\"");
    assertThat(http(yealink + ".cfg").asString())
        .contains("local_time.time_zone = -5\n")
        .contains("local_time.summer_time = 1\n")
        .contains("local_time.start_time = 3/2/7/2\n")
        .contains("local_time.end_time = 11/1/7/2\n");
    assertThat(http("cfg" + grandstream + ".xml").asString())
        .contains("<P64>customize</P64>")
        .contains("<P246>IST-5:30</P246>");
    assertThat(http("snomD785-" + snom.toUpperCase() + ".htm").asString())
        .contains("<utc_offset perm=\"R\">3600</utc_offset>")
        .contains("<dst perm=\"R\">3600 03.05.07 02:00:00 10.05.07 03:00:00</dst>");
  }

  @Test
  void commonFilesAndUnknownDevices() throws Exception {
    assertThat(new String(tftp("000000000000.cfg"), StandardCharsets.UTF_8))
        .contains("[PHONE_MAC_ADDRESS]-phone.cfg");
    assertThat(new String(tftp("y000000000028.cfg"), StandardCharsets.UTF_8))
        .contains("model code 28");
    String unknown = randomMac();
    try {
      tftp("SEP" + unknown + ".cnf.xml");
      throw new AssertionError("an unknown device got a file");
    } catch (TftpRefused e) {
      assertThat(e.code).isEqualTo(1);
    }
    assertThat(http(unknown + ".cfg").statusCode()).isEqualTo(404);
  }

  /**
   * Transfers that end while others open on the other event loop: a transfer that closed its socket
   * inside the read loop once lost another transfer's ACK (one in a few hundred) through the reused
   * descriptor.
   */
  @Test
  void aThousandFetchesInARowAllComplete() throws Exception {
    TenantKey t = OpenTenants.create("many");
    String mac = randomMac();
    device(t, mac, "cisco", "CP-8841", Map.of());
    byte[] first = tftp("SEP" + mac + ".cnf.xml");
    assertThat(first.length).isGreaterThan(512);
    for (int i = 1; i < 1000; i++) {
      assertThat(tftp("SEP" + mac + ".cnf.xml")).as("fetch %d", i).isEqualTo(first);
    }
  }

  @Test
  void variablesInheritFromTenantToSiteToDevice() throws Exception {
    TenantKey t = OpenTenants.create("vars");
    as(t.key())
        .body(Map.of("variables", Map.of("ntpServer", "ntp.tenant.example", "firmware", "t.bin")))
        .put("/api/v1/provisioning/settings")
        .then()
        .statusCode(200);
    as(t.key())
        .body(Map.of("variables", Map.of("ntpServer", "ntp.site.example")))
        .put("/api/v1/provisioning/sites/Paris HQ")
        .then()
        .statusCode(200);
    String onSite = randomMac();
    String own = randomMac();
    device(t, onSite, "cisco", "CP-8841", Map.of("site", "Paris HQ"));
    device(
        t,
        own,
        "cisco",
        "CP-8841",
        Map.of("site", "Paris HQ", "variables", Map.of("ntpServer", "ntp.device.example")));

    String site = new String(tftp("SEP" + onSite + ".cnf.xml"), StandardCharsets.UTF_8);
    String device = new String(tftp("SEP" + own + ".cnf.xml"), StandardCharsets.UTF_8);

    assertThat(site).contains("<name>ntp.site.example</name>").contains("t.bin");
    assertThat(device).contains("<name>ntp.device.example</name>").contains("t.bin");
  }

  @Test
  void aDeviceWithCredentialsIsServedOverHttpOnlyAndOnlyWithThem() throws Exception {
    TenantKey t = ApiClient.newTenant("cred");
    String mac = randomMac();
    device(
        t, mac, "yealink", "T46U", Map.of("httpUser", "phone1", "httpPassword", "long-secret-1"));
    String name = mac + ".cfg";

    assertThat(http(name).statusCode()).isEqualTo(401);
    assertThat(http(name).header("WWW-Authenticate")).startsWith("Basic");
    given()
        .auth()
        .preemptive()
        .basic("phone1", "wrong-secret")
        .get("/provision/" + name)
        .then()
        .statusCode(401);
    given()
        .auth()
        .preemptive()
        .basic("phone1", "long-secret-1")
        .get("/provision/" + name)
        .then()
        .statusCode(200);
    try {
      tftp(name);
      throw new AssertionError("TFTP served a device that needs credentials");
    } catch (TftpRefused e) {
      // As for an unknown name: the answer does not tell that the device exists.
      assertThat(e.code).isEqualTo(1);
    }
  }

  @Test
  void httpHonoursETagsAndRanges() throws Exception {
    TenantKey t = OpenTenants.create("etag");
    String mac = randomMac();
    device(t, mac, "grandstream", "GRP2614", Map.of());
    String name = "cfg" + mac + ".xml";
    ExtractableResponse<Response> full = http(name);
    byte[] all = full.asByteArray();
    String etag = full.header("ETag");
    assertThat(etag).startsWith("\"").endsWith("\"");

    given().header("If-None-Match", etag).get("/provision/" + name).then().statusCode(304);
    ExtractableResponse<Response> head = given().head("/provision/" + name).then().extract();
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(all.length));
    assertThat(head.header("ETag")).isEqualTo(etag);
    assertThat(head.asByteArray()).isEmpty();
    given()
        .header("Range", "bytes=10-19")
        .get("/provision/" + name)
        .then()
        .statusCode(206)
        .header("Content-Range", "bytes 10-19/" + all.length);
    byte[] part =
        given()
            .header("Range", "bytes=10-19")
            .get("/provision/" + name)
            .then()
            .extract()
            .asByteArray();
    assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(all, 10, 20));
    byte[] tail =
        given()
            .header("Range", "bytes=-5")
            .get("/provision/" + name)
            .then()
            .extract()
            .asByteArray();
    assertThat(tail).isEqualTo(java.util.Arrays.copyOfRange(all, all.length - 5, all.length));
    given()
        .header("Range", "bytes=" + all.length + "-")
        .get("/provision/" + name)
        .then()
        .statusCode(416)
        .header("Content-Range", "bytes */" + all.length);

    as(t.key())
        .body(Map.of("mac", mac, "vendor", "grandstream", "model", "GRP2615"))
        .put(DEVICES + "/" + mac)
        .then()
        .statusCode(200);
    given().header("If-None-Match", etag).get("/provision/" + name).then().statusCode(200);
  }

  @Test
  void everyFetchIsAuditedAndTheLastShowsOnTheDevice() throws Exception {
    TenantKey t = OpenTenants.create("audit");
    String mac = randomMac();
    device(t, mac, "snom", "D785", Map.of());
    String name = "snomD785-" + mac.toUpperCase() + ".xml";
    tftp(name);
    assertThat(http(name).statusCode()).isEqualTo(200);
    fetchLog.flush();

    as(t.key())
        .get("/api/v1/provisioning/fetches?mac=" + mac)
        .then()
        .statusCode(200)
        .body("transport", hasItem("tftp"))
        .body("transport", hasItem("http"))
        .body("[0].file", equalTo(name))
        .body("[0].outcome", equalTo("completed"));
    as(t.key())
        .get(DEVICES + "/" + mac)
        .then()
        .statusCode(200)
        .body("lastFetch.file", equalTo(name))
        .body("lastFetch.transport", equalTo("http"));
    TenantKey other = ApiClient.newTenant("nosy");
    as(other.key())
        .get("/api/v1/provisioning/fetches?mac=" + mac)
        .then()
        .statusCode(200)
        .body("size()", equalTo(0));
  }

  @Test
  void anAdminTemplateReplacesTheShippedOne() throws Exception {
    TenantKey t = OpenTenants.create("tmpl");
    String mac = randomMac();
    device(t, mac, "polycom", "VVX450", Map.of());
    Files.createDirectories(renderer.overrides());
    java.nio.file.Path override = renderer.overrides().resolve("polycom-phone.xml");
    Files.writeString(override, "<custom user=\"{#for l in device.lines}{l.user}{/for}\"/>\n");
    try {
      assertThat(new String(tftp(mac + "-phone.cfg"), StandardCharsets.UTF_8))
          .isEqualTo("<custom user=\"1001\"/>\n");
    } finally {
      Files.delete(override);
    }
    assertThat(new String(tftp(mac + "-phone.cfg"), StandardCharsets.UTF_8))
        .contains("PHONE_CONFIG");
  }
}
