package io.voxhost.tftp.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.node.NodeReload;
import io.voxhost.platform.node.ReloadReport;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.tftp.service.TestPki;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A node's reload reads its TLS key store again and the HTTPS port serves the renewed certificate,
 * without a restart. Here rather than in the platform because this module's tests already run an
 * HTTPS node ({@link VendorCertificateFetchTest}'s profile, so the same application serves both).
 */
@QuarkusTest
@TestProfile(VendorCertificateFetchTest.Https.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TlsReloadTest {

  @Inject NodeReload reload;

  @TestHTTPResource(value = "/", tls = true)
  URL https;

  @Test
  void reloadServesARenewedCertificateOnTheSamePort() throws Exception {
    Path store = VendorCertificateFetchTest.PKI.resolve("server.p12");
    byte[] original = Files.readAllBytes(store);
    BigInteger before = served().getSerialNumber();
    Path renewed =
        new TestPki(Path.of("target", "renewed-pki"))
            .selfSigned("server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost");
    BigInteger renewedSerial =
        ((X509Certificate) TestPki.load(renewed).getCertificate("phone")).getSerialNumber();
    try {
      replace(store, Files.readAllBytes(renewed));
      assertThat(served().getSerialNumber()).isEqualTo(before); // until told

      ReloadReport report = reload.reload();

      assertThat(report.reloaded()).contains("tls certificates", "tftp templates");
      assertThat(report.failed()).isEmpty();
      // The HTTPS server swaps its options on its own event loop.
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> served().getSerialNumber().equals(renewedSerial));
    } finally {
      // The other tests of this application trust the original certificate.
      replace(store, original);
      reload.reload();
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> served().getSerialNumber().equals(before));
    }
  }

  private static void replace(Path file, byte[] content) throws Exception {
    Path next = file.resolveSibling(file.getFileName() + ".next");
    Files.write(next, content);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The certificate the HTTPS port presents now. */
  private X509Certificate served() throws Exception {
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new AnyCertificate()}, null);
    try (SSLSocket socket =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(
                    https.getHost(), https.getPort(), InetAddress.getLoopbackAddress(), 0)) {
      socket.setSoTimeout(5000);
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** The test looks at what is served, so it takes whatever is. */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
