package io.voxhost.cnam.transport;

import static io.voxhost.cnam.FakeProvider.endless;
import static io.voxhost.cnam.FakeProvider.json;
import static io.voxhost.cnam.FakeProvider.name;
import static io.voxhost.cnam.FakeProvider.raw;
import static io.voxhost.cnam.FakeProvider.slow;
import static io.voxhost.cnam.FakeProvider.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vertx.core.Vertx;
import io.voxhost.cnam.FakeProvider;
import io.voxhost.cnam.service.DipFailure;
import io.voxhost.cnam.service.DipOutcome;
import io.voxhost.cnam.service.ProviderSpec;
import io.voxhost.cnam.service.ProviderTargets;
import io.voxhost.platform.net.OutboundPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side of a dip against a fake provider on loopback: every way an answer can be good or
 * bad, the outbound check, and TLS verified against the JDK's store or a given PEM.
 */
class ProviderClientTest {

  static final String N = "+14155550100";

  static Vertx vertx;
  static FakeProvider fake;

  @BeforeAll
  static void start() throws IOException {
    vertx = Vertx.vertx();
    fake = new FakeProvider();
  }

  @AfterAll
  static void stop() {
    fake.close();
    vertx.close();
  }

  static ProviderTargets loopbackAllowed() {
    return new ProviderTargets(
        host -> List.of(InetAddress.getByName("127.0.0.1")), new OutboundPolicy(true, List.of()));
  }

  /** A provider with time enough for a cold JVM's first connection and TLS handshake. */
  static ProviderSpec spec(String url, String pointer) {
    return spec(url, pointer, Duration.ofSeconds(3));
  }

  static ProviderSpec spec(String url, String pointer, Duration timeout) {
    return new ProviderSpec(
        "p",
        url,
        pointer,
        "Basic c2VjcmV0OnRva2Vu",
        Set.of(404),
        timeout,
        Duration.ofSeconds(2),
        4096,
        4,
        true);
  }

  static Optional<String> dip(ProviderClient client, ProviderSpec spec, String number) {
    return client.dip(spec, number).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
  }

  static DipOutcome failure(ProviderClient client, ProviderSpec spec, String number) {
    try {
      Optional<String> got = dip(client, spec, number);
      throw new AssertionError("expected a failure, got " + got);
    } catch (CompletionException e) {
      assertThat(e.getCause()).isInstanceOf(DipFailure.class);
      return ((DipFailure) e.getCause()).outcome();
    }
  }

  @Test
  void readsTheNameAtThePointerSendingTheNumberEncodedAndTheAuthorization() {
    ProviderClient client = new ProviderClient(vertx, loopbackAllowed(), Optional.empty());
    String raw = "Caf\u0065\u0301 \u202eevil\u0000\r\nInc";
    fake.play("+14155550101", json(Map.of("name", raw)));
    assertThat(dip(client, spec(fake.url("http", "enc", "{number}"), "/name"), "+14155550101"))
        .contains(raw);
    assertThat(fake.rawPath("enc", "+14155550101")).isEqualTo("/enc/%2B14155550101");
    assertThat(fake.authorization("enc", "+14155550101")).isEqualTo("Basic c2VjcmV0OnRva2Vu");

    fake.play("+14155550102", json(Map.of("caller_name", Map.of("caller_name", "ACME"))));
    assertThat(
            dip(
                client,
                spec(fake.url("http", "digits", "{digits}"), ProviderSpec.TWILIO_POINTER),
                "+14155550102"))
        .contains("ACME");
    assertThat(fake.rawPath("digits", "+14155550102")).isEqualTo("/digits/14155550102");
  }

  @Test
  void notFoundAndNothingAtThePointerAreNoName() {
    ProviderClient client = new ProviderClient(vertx, loopbackAllowed(), Optional.empty());
    ProviderSpec spec = spec(fake.url("http", "none", "{number}"), "/name");
    fake.play("+14155550110", status(404));
    assertThat(dip(client, spec, "+14155550110")).isEmpty();
    fake.play("+14155550111", raw("{\"name\":null}"));
    assertThat(dip(client, spec, "+14155550111")).isEmpty();
    fake.play("+14155550112", raw("{\"other\":1}"));
    assertThat(dip(client, spec, "+14155550112")).isEmpty();
    fake.play("+14155550113", raw("{\"name\":{\"first\":\"a\"}}"));
    assertThat(dip(client, spec, "+14155550113")).isEmpty();
  }

  @Test
  void badAnswersFailWithTheirOutcome() {
    ProviderClient client = new ProviderClient(vertx, loopbackAllowed(), Optional.empty());
    ProviderSpec spec = spec(fake.url("http", "bad", "{number}"), "/name");
    fake.play("+14155550120", status(500));
    assertThat(failure(client, spec, "+14155550120")).isEqualTo(DipOutcome.FAILED);
    fake.play("+14155550121", status(429));
    assertThat(failure(client, spec, "+14155550121")).isEqualTo(DipOutcome.RATE_LIMITED);
    fake.play("+14155550122", raw("{\"name\": \"unterminated"));
    assertThat(failure(client, spec, "+14155550122")).isEqualTo(DipOutcome.BAD_JSON);
    fake.play("+14155550123", raw("[".repeat(100) + "]".repeat(100)));
    assertThat(failure(client, spec, "+14155550123")).isEqualTo(DipOutcome.BAD_JSON);
    fake.play("+14155550124", endless());
    assertThat(failure(client, spec, "+14155550124")).isEqualTo(DipOutcome.OVERSIZED);
    fake.play("+14155550125", slow(Duration.ofMillis(1500), name("Late")));
    ProviderSpec impatient =
        spec(fake.url("http", "bad", "{number}"), "/name", Duration.ofMillis(300));
    assertThat(failure(client, impatient, "+14155550125")).isEqualTo(DipOutcome.TIMEOUT);
    fake.play("+14155550126", raw("{\"name\":\"" + "y".repeat(5000) + "\"}"));
    assertThat(failure(client, spec, "+14155550126")).isEqualTo(DipOutcome.OVERSIZED);
    // After all that the pool still serves.
    fake.play("+14155550127", name("Fine"));
    assertThat(dip(client, spec, "+14155550127")).contains("Fine");
  }

  @Test
  void aPrivateAddressIsRefusedUnlessAllowedAndNothingIsSent() {
    ProviderClient client =
        new ProviderClient(
            vertx,
            new ProviderTargets(
                host -> List.of(InetAddress.getByName("127.0.0.1")), OutboundPolicy.publicOnly()),
            Optional.empty());
    fake.play("+14155550130", name("Never"));
    ProviderSpec spec = spec(fake.url("http", "private", "{number}"), "/name");
    assertThat(failure(client, spec, "+14155550130")).isEqualTo(DipOutcome.FAILED);
    assertThat(fake.requests("private", "+14155550130")).isZero();
  }

  @Test
  void tlsIsVerifiedAgainstTheJdkStoreOrTheGivenCertificates(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("provider.p12");
    Path pem = dir.resolve("provider.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "provider",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "san=dns:localhost,ip:127.0.0.1",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-keypass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "provider",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    try (FakeProvider secure = new FakeProvider(https)) {
      secure.play("+14155550140", name("Secure Inc"));
      String url = "https://localhost:" + secure.port() + "/tls/{number}";

      ProviderClient jdkTrust = new ProviderClient(vertx, loopbackAllowed(), Optional.empty());
      assertThat(failure(jdkTrust, spec(url, "/name"), "+14155550140"))
          .isEqualTo(DipOutcome.FAILED);

      ProviderClient pemTrust = new ProviderClient(vertx, loopbackAllowed(), Optional.of(pem));
      assertThat(dip(pemTrust, spec(url, "/name"), "+14155550140")).contains("Secure Inc");

      // The certificate names localhost: a URL naming another host is refused though trusted.
      String otherName = "https://voxhost.invalid:" + secure.port() + "/tls/{number}";
      assertThat(failure(pemTrust, spec(otherName, "/name"), "+14155550140"))
          .isEqualTo(DipOutcome.FAILED);
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + out);
    }
  }
}
