package io.voxhost.tftp.api;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.tftp.service.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * Fetch policy {@code certificate} over a real TLS connection: the node's HTTPS port asks for a
 * client certificate (client-auth=request); a phone's certificate, signed by a vendor CA made at
 * test time, lets it fetch its own file and no other.
 */
@QuarkusTest
@TestProfile(VendorCertificateFetchTest.Https.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class VendorCertificateFetchTest {

  static final Path PKI = Path.of("target", "vendor-pki");

  static final String MADE = "tftp-tests.vendor-pki-made";

  /** The MAC a phone's key store's certificate names: its common name. */
  static String macOf(Path phone) throws Exception {
    String subject =
        ((java.security.cert.X509Certificate) TestPki.chain(phone)[0])
            .getSubjectX500Principal()
            .getName();
    return subject.substring(3, 15);
  }

  /** The node's TLS settings, with a vendor CA, a server key and two phones made before start. */
  public static class Https implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        // Once per JVM: Quarkus may ask a profile more than once, from other class loaders, and
        // the node must read the same files the test does. The phones' MACs are in their files.
        if (System.getProperty(MADE) == null) {
          TestPki pki = new TestPki(PKI);
          pki.phone("phone-a", "CN=" + TestData.mac("0004f2") + ", O=Polycom Inc.");
          pki.phone("phone-b", "CN=" + TestData.mac("0004f2") + ", O=Polycom Inc.");
          pki.selfSigned(
              "server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost", "eku=serverAuth");
          System.setProperty(MADE, "yes");
        }
        String ca = PKI.resolve("ca.pem").toString();
        return Map.of(
            "quarkus.tls.key-store.p12.path",
            PKI.resolve("server.p12").toString(),
            "quarkus.tls.key-store.p12.password",
            TestPki.PASSWORD,
            "quarkus.tls.trust-store.pem.certs",
            ca,
            "quarkus.http.ssl.client-auth",
            "request",
            "quarkus.http.insecure-requests",
            "enabled",
            "quarkus.http.test-ssl-port",
            "0",
            "voxhost.tftp.vendor-cas",
            ca);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @TestHTTPResource(value = "/", tls = true)
  URL https;

  private void device(TenantKey t, String mac) {
    as(t.key())
        .body(
            Map.of(
                "mac",
                mac,
                "vendor",
                "polycom",
                "model",
                "VVX450",
                "lines",
                List.of(Map.of("user", "3001", "password", "secret-of-" + mac))))
        .post("/api/v1/provisioning/devices")
        .then()
        .statusCode(201);
  }

  /** GET over TLS, with the phone's key store as client certificate, or none. */
  private String[] get(Path phone, String path) throws Exception {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    if (phone != null) {
      keys.init(TestPki.load(phone), TestPki.PASSWORD.toCharArray());
    } else {
      KeyStore empty = KeyStore.getInstance("PKCS12");
      empty.load(null, null);
      keys.init(empty, new char[0]);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry(
        "server", TestPki.load(PKI.resolve("server.p12")).getCertificate("phone"));
    TrustManagerFactory trusts =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trusts.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), trusts.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(
                    https.getHost(), https.getPort(), InetAddress.getLoopbackAddress(), 0)) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(all);
      String text = all.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      return new String[] {text.substring(9, 12), end < 0 ? "" : text.substring(end + 4)};
    }
  }

  @Test
  void aPhonesCertificateFetchesItsOwnFileAndNoOther() throws Exception {
    TenantKey t = ApiClient.newTenant("certs");
    as(t.key())
        .body(Map.of("fetchPolicy", "certificate"))
        .put("/api/v1/provisioning/settings")
        .then()
        .statusCode(200);
    Path phoneA = PKI.resolve("phone-a.p12");
    Path phoneB = PKI.resolve("phone-b.p12");
    String macA = macOf(phoneA);
    String macB = macOf(phoneB);
    device(t, macA);
    device(t, macB);

    String[] own = get(phoneA, "/provision/" + macA + "-phone.cfg");
    assertThat(own[0]).isEqualTo("200");
    assertThat(own[1]).contains("secret-of-" + macA);

    String[] other = get(phoneA, "/provision/" + macB + "-phone.cfg");
    String[] unknown = get(phoneA, "/provision/" + TestData.mac("0004f2") + "-phone.cfg");
    assertThat(other[0]).isEqualTo("404");
    assertThat(other[1]).isEqualTo(unknown[1]).doesNotContain("secret-of-");

    // Without a certificate, over TLS or plain HTTP, nobody gets it.
    assertThat(get(null, "/provision/" + macA + "-phone.cfg")[0]).isEqualTo("404");
    assertThat(given().get("/provision/" + macA + "-phone.cfg").statusCode()).isEqualTo(404);
    // Phone B's own certificate does.
    assertThat(get(phoneB, "/provision/" + macB + "-phone.cfg")[0]).isEqualTo("200");
  }
}
