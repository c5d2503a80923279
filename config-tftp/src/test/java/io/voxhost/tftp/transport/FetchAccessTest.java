package io.voxhost.tftp.transport;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.tftp.codec.TftpPacket;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the devices' files, which carry their SIP passwords: scanning MACs over TFTP and HTTP,
 * fetching a device the tenant's policy or the site's networks keep from the source. Each source is
 * its own 127.x address (the tests' 127.0.0.1 is exempt from bans, see application.properties).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class FetchAccessTest {

  private static final String DEVICES = "/api/v1/provisioning/devices";

  @Inject TftpEndpoint endpoint;
  @Inject MeterRegistry meters;

  @TestHTTPResource("/")
  URL http;

  private static String randomMac() {
    return TestData.mac("805ec0");
  }

  private static void device(TenantKey t, String mac, Map<String, ?> extra) {
    Map<String, Object> body = new java.util.HashMap<>(extra);
    body.put("mac", mac);
    body.put("vendor", "yealink");
    body.put("model", "T46U");
    body.put("lines", List.of(Map.of("user", "1001", "password", "secret-1001")));
    as(t.key()).body(body).post(DEVICES).then().statusCode(201);
  }

  /** What a read request from {@code source} gets: its first packet, or null for no answer. */
  private TftpPacket tftpFirst(InetAddress source, String name) throws IOException {
    try (RawTftp client = new RawTftp(endpoint.localAddress(), source)) {
      client.send(new TftpPacket.ReadRequest(name, "octet", List.of()), client.server);
      TftpPacket first = client.receive(500);
      if (first instanceof TftpPacket.Data d) {
        // End the transfer cleanly, so that the source is free for its next request.
        client.send(new TftpPacket.Ack(d.block()), client.lastSender);
      }
      return first;
    }
  }

  /** A raw HTTP/1.1 GET from {@code source}: the status line's code and the body. */
  private Answer httpGet(InetAddress source, String path, String basic) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress(http.getHost(), http.getPort()), 5000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
              + (basic == null
                  ? ""
                  : "Authorization: Basic "
                      + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8))
                      + "\r\n")
              + "\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return Answer.read(socket.getInputStream());
    }
  }

  record Answer(int status, String head, String body) {
    static Answer read(InputStream in) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String head = end < 0 ? text : text.substring(0, end);
      String body = end < 0 ? "" : text.substring(end + 4);
      return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
    }
  }

  private double count(String name, String... tags) {
    Counter c = meters.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void scanningUnknownMacsOverTftpBansTheSourceEvenForAKnownDevice() throws Exception {
    TenantKey t = OpenTenants.create("scan");
    String known = randomMac();
    device(t, known, Map.of());
    InetAddress scanner = InetAddress.getByName("127.0.1.1");
    double bansBefore = count("voxhost_tftp_source_bans");

    int answered = 0;
    int dropped = 0;
    for (int i = 0; i < 50; i++) {
      TftpPacket answer = tftpFirst(scanner, randomMac() + ".cfg");
      if (answer == null) {
        dropped++;
      } else {
        assertThat(answer).isInstanceOf(TftpPacket.ErrorPacket.class);
        assertThat(((TftpPacket.ErrorPacket) answer).code()).isEqualTo(1);
        answered++;
      }
    }

    assertThat(answered).isEqualTo(20); // voxhost.tftp.fetch-limit.max-failures
    assertThat(dropped).isEqualTo(30);
    assertThat(count("voxhost_tftp_source_bans")).isEqualTo(bansBefore + 1);
    assertThat(count("voxhost_tftp_banned_requests", "transport", "tftp"))
        .isGreaterThanOrEqualTo(30);
    // The scanner found a real MAC: banned, it is not served.
    assertThat(tftpFirst(scanner, known + ".cfg")).isNull();
    // Another source still is.
    assertThat(tftpFirst(InetAddress.getByName("127.0.1.101"), known + ".cfg"))
        .isInstanceOf(TftpPacket.Data.class);
  }

  @Test
  void scanningOverHttpBansTheSourceWith429AndTheSameAnswerForEveryName() throws Exception {
    TenantKey t = OpenTenants.create("hscan");
    String known = randomMac();
    device(t, known, Map.of());
    InetAddress scanner = InetAddress.getByName("127.0.1.2");

    int notFound = 0;
    int tooMany = 0;
    for (int i = 0; i < 50; i++) {
      int status = httpGet(scanner, "/provision/" + randomMac() + ".cfg", null).status();
      if (status == 404) {
        notFound++;
      } else {
        assertThat(status).isEqualTo(429);
        tooMany++;
      }
    }

    assertThat(notFound).isEqualTo(20);
    assertThat(tooMany).isEqualTo(30);
    Answer banned = httpGet(scanner, "/provision/" + known + ".cfg", null);
    assertThat(banned.status()).isEqualTo(429);
    assertThat(banned.head()).containsIgnoringCase("Retry-After: 900");
    assertThat(banned.body()).doesNotContain("secret-1001");
    assertThat(httpGet(InetAddress.getByName("127.0.1.102"), "/provision/" + known + ".cfg", null))
        .extracting(Answer::status)
        .isEqualTo(200);
  }

  @Test
  void wrongCredentialsCountTowardsTheBan() throws Exception {
    TenantKey t = ApiClient.newTenant("guess");
    String mac = randomMac();
    device(t, mac, Map.of("httpUser", "phone", "httpPassword", "right-password-1"));
    InetAddress guesser = InetAddress.getByName("127.0.1.3");

    for (int i = 0; i < 20; i++) {
      assertThat(httpGet(guesser, "/provision/" + mac + ".cfg", "phone:guess-" + i).status())
          .isEqualTo(401);
    }

    // The right password now comes too late.
    assertThat(httpGet(guesser, "/provision/" + mac + ".cfg", "phone:right-password-1").status())
        .isEqualTo(429);
  }

  @Test
  void aNewTenantServesNoDeviceWithoutCredentialsAndHidesIt() throws Exception {
    TenantKey t = ApiClient.newTenant("strict");
    as(t.key())
        .get("/api/v1/provisioning/settings")
        .then()
        .statusCode(200)
        .body("fetchPolicy", org.hamcrest.Matchers.equalTo("credentials"));
    String bare = randomMac();
    String locked = randomMac();
    device(t, bare, Map.of());
    device(t, locked, Map.of("httpUser", "phone", "httpPassword", "locked-password-1"));
    InetAddress phone = InetAddress.getLoopbackAddress();

    Answer unknown = httpGet(phone, "/provision/" + randomMac() + ".cfg", null);
    Answer hidden = httpGet(phone, "/provision/" + bare + ".cfg", null);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.body()).isEqualTo(unknown.body()).doesNotContain("secret-1001");
    TftpPacket overTftp = tftpFirst(phone, bare + ".cfg");
    assertThat(overTftp).isInstanceOf(TftpPacket.ErrorPacket.class);
    assertThat(((TftpPacket.ErrorPacket) overTftp).code()).isEqualTo(1);
    TftpPacket lockedOverTftp = tftpFirst(phone, locked + ".cfg");
    assertThat(((TftpPacket.ErrorPacket) lockedOverTftp).code()).isEqualTo(1);

    assertThat(httpGet(phone, "/provision/" + locked + ".cfg", null).status()).isEqualTo(401);
    Answer served = httpGet(phone, "/provision/" + locked + ".cfg", "phone:locked-password-1");
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.body()).contains("secret-1001");
  }

  @Test
  void aSiteServesItsDevicesOnlyToItsNetworks() throws Exception {
    TenantKey t = OpenTenants.create("net");
    as(t.key())
        .body(Map.of("variables", Map.of(), "networks", List.of("127.0.2.8/29")))
        .put("/api/v1/provisioning/sites/hq")
        .then()
        .statusCode(200)
        .body("networks", org.hamcrest.Matchers.contains("127.0.2.8/29"));
    String mac = randomMac();
    device(t, mac, Map.of("site", "hq"));
    InetAddress outside = InetAddress.getByName("127.0.2.20");
    InetAddress inside = InetAddress.getByName("127.0.2.9");

    assertThat(httpGet(outside, "/provision/" + mac + ".cfg", null).status()).isEqualTo(404);
    TftpPacket refused = tftpFirst(outside, mac + ".cfg");
    assertThat(((TftpPacket.ErrorPacket) refused).code()).isEqualTo(1);
    assertThat(httpGet(inside, "/provision/" + mac + ".cfg", null).status()).isEqualTo(200);
    assertThat(tftpFirst(inside, mac + ".cfg")).isInstanceOf(TftpPacket.Data.class);

    // A change of variables alone keeps the networks.
    as(t.key())
        .body(Map.of("variables", Map.of("ntpServer", "ntp.example.com")))
        .put("/api/v1/provisioning/sites/hq")
        .then()
        .statusCode(200)
        .body("networks", org.hamcrest.Matchers.contains("127.0.2.8/29"));
    as(t.key())
        .body(Map.of("networks", List.of("127.0.2.9/29")))
        .put("/api/v1/provisioning/sites/hq")
        .then()
        .statusCode(400);
  }

  @Test
  void policyNetworkServesOnlyDevicesOfSitesWithNetworks() throws Exception {
    TenantKey t = ApiClient.newTenant("netpol");
    OpenTenants.policy(t, "network");
    as(t.key())
        .body(Map.of("networks", List.of("127.0.3.0/24")))
        .put("/api/v1/provisioning/sites/branch")
        .then()
        .statusCode(200);
    String placed = randomMac();
    String loose = randomMac();
    device(t, placed, Map.of("site", "branch"));
    device(t, loose, Map.of());
    InetAddress branch = InetAddress.getByName("127.0.3.7");

    assertThat(tftpFirst(branch, placed + ".cfg")).isInstanceOf(TftpPacket.Data.class);
    TftpPacket refused = tftpFirst(branch, loose + ".cfg");
    assertThat(((TftpPacket.ErrorPacket) refused).code()).isEqualTo(1);
    assertThat(httpGet(branch, "/provision/" + loose + ".cfg", null).status()).isEqualTo(404);
  }
}
