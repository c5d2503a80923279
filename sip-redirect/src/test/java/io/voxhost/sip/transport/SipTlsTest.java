package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.node.NodeReload;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.FreePorts;
import io.voxhost.platform.testing.TestCertificate;
import io.voxhost.platform.testing.TestData;
import io.voxhost.sip.service.PeerService;
import io.voxhost.sip.service.SubscriberService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SIP over TLS (and the connection rules it shares with TCP): SIPS registration and redirect on the
 * one connection, RFC 5626 keep-alives, idle connections closed, connection limits per source, a
 * renewed certificate taken on reload.
 */
@QuarkusTest
@TestProfile(SipTlsTest.Tls.class)
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SipTlsTest {

  private static final Path DIR = Path.of("target", "sip-tls");
  private static final int PER_SOURCE = 4;
  private static final String PASSWORD = "alice-pass-12";
  private static TestCertificate certificate;
  private static int tlsPort;

  /** SIP over TLS with a test certificate, short idle time and a small per-source limit. */
  public static class Tls implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        synchronized (SipTlsTest.class) {
          if (certificate == null) {
            certificate = TestCertificate.create(DIR, "sip");
            tlsPort = FreePorts.udpAndTcp();
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return Map.of(
          "voxhost.sip.transports",
          "udp,tcp,tls",
          "voxhost.sip.tls-listen",
          "127.0.0.1:" + tlsPort,
          "voxhost.sip.tls-configuration-name",
          "sip",
          "quarkus.tls.sip.key-store.pem.0.cert",
          certificate.certificate().toString(),
          "quarkus.tls.sip.key-store.pem.0.key",
          certificate.key().toString(),
          "voxhost.sip.connections.idle-timeout",
          "3s",
          "voxhost.sip.connections.per-source",
          Integer.toString(PER_SOURCE));
    }
  }

  @Inject TenantService tenants;
  @Inject SubscriberService subscribers;
  @Inject PeerService peers;
  @Inject NodeReload reload;
  @Inject SipEndpoint endpoint;

  private String domain;

  @BeforeEach
  void setUp() {
    String slug = TestData.name("tls");
    domain = slug + ".sip.test";
    var tenant = tenants.create(slug, "TLS", domain).id();
    subscribers.create(tenant, "alice", PASSWORD, null);
    peers.add(tenant, IpNetwork.parse("127.0.0.0/8"), "the test's callers");
  }

  private static InetAddress source(int last) throws IOException {
    return InetAddress.getByName("127.0.0." + last);
  }

  private StreamSipPeer tls(InetAddress from) throws Exception {
    return StreamSipPeer.tls(certificate.clientContext(), from, tlsPort);
  }

  @Test
  void aPhoneRegistersWithSipsUrisAndItsCallIsRedirectedOnTheSameConnection() throws Exception {
    try (StreamSipPeer phone = tls(source(1))) {
      String contact = "sips:alice@127.0.0.1:" + phone.localPort();
      String callId = UUID.randomUUID() + "@tls.test";
      phone.send(register(phone, callId, 1, contact, null));
      String challenge = phone.read();
      assertThat(challenge).startsWith("SIP/2.0 401 ");
      assertThat(challenge).containsPattern("(?m)^Via: SIP/2.0/TLS [^\\r\\n]*;received=127.0.0.1");

      phone.send(register(phone, callId, 2, contact, authorization(challenge, "sips:" + domain)));
      String registered = phone.read();
      assertThat(registered).startsWith("SIP/2.0 200 ");
      assertThat(registered).containsPattern("(?m)^Contact: <" + Pattern.quote(contact) + ">");

      phone.send(invite(phone, "alice"));
      String redirect = phone.read();
      assertThat(redirect).startsWith("SIP/2.0 302 ");
      assertThat(redirect).containsPattern("(?m)^Contact: <?" + Pattern.quote(contact));
    }
  }

  /** RFC 5626 section 6: a REGISTER that opens a flow learns how often to keep it alive. */
  @Test
  void aRegisterThatOpensAnOutboundFlowGetsItsFlowTimer() throws Exception {
    try (StreamSipPeer phone = tls(source(7))) {
      String contact = "sips:alice@127.0.0.1:" + phone.localPort();
      String callId = UUID.randomUUID() + "@tls.test";
      String instance = ";reg-id=1;+sip.instance=\"<urn:uuid:" + UUID.randomUUID() + ">\"";
      phone.send(outbound(register(phone, callId, 1, contact, null), contact, instance));
      String challenge = phone.read();
      String answer = authorization(challenge, "sips:" + domain);
      phone.send(outbound(register(phone, callId, 2, contact, answer), contact, instance));
      String registered = phone.read();
      assertThat(registered).startsWith("SIP/2.0 200 ");
      assertThat(registered).contains("\r\nRequire: outbound\r\n");
      // Nine tenths of the 3 s idle timeout, whole seconds.
      assertThat(registered).contains("\r\nFlow-Timer: 2\r\n");

      phone.send(register(phone, callId, 3, contact, null));
      String plain = phone.read();
      assertThat(plain).doesNotContain("Flow-Timer").doesNotContain("Require:");
    }
  }

  /** The REGISTER with {@code outbound} supported and its Contact made a flow's. */
  private static String outbound(String register, String contact, String instance) {
    return register
        .replace("Contact: <" + contact + ">", "Contact: <" + contact + ">" + instance)
        .replace("Content-Length: 0", "Supported: outbound\r\nContent-Length: 0");
  }

  @Test
  void aDoubleCrlfPingGetsAPongOverTlsAndTcp() throws Exception {
    try (StreamSipPeer phone = tls(source(2))) {
      phone.send("\r\n\r\n");
      assertThat(phone.readBytes(2)).isEqualTo("\r\n");
      phone.send(invite(phone, "nobody"));
      assertThat(phone.read()).as("the connection still serves").startsWith("SIP/2.0 404 ");
    }
    try (StreamSipPeer phone = StreamSipPeer.tcp(source(2), SipPortResource.port())) {
      phone.send("\r\n\r\n");
      assertThat(phone.readBytes(2)).isEqualTo("\r\n");
    }
  }

  @Test
  void anIdleConnectionIsClosedButKeepAlivesKeepItOpen() throws Exception {
    try (StreamSipPeer idle = tls(source(3));
        StreamSipPeer kept = tls(source(3))) {
      long start = System.nanoTime();
      boolean keptOpen = true;
      for (int i = 0; i < 4; i++) {
        Thread.sleep(1000);
        kept.send("\r\n\r\n");
        keptOpen &= kept.readBytes(2).equals("\r\n");
      }
      assertThat(idle.closedWithin(Duration.ofSeconds(3))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(3));
      assertThat(keptOpen).as("pinged every second, it stayed open past the idle time").isTrue();
      kept.send(invite(kept, "nobody"));
      assertThat(kept.read()).startsWith("SIP/2.0 404 ");
    }
  }

  @Test
  void aSourceGetsAtMostItsConnectionsAndAnotherOneIsClosedAtOnce() throws Exception {
    List<StreamSipPeer> open = new ArrayList<>();
    try {
      for (int i = 0; i < PER_SOURCE; i++) {
        open.add(tls(source(4)));
      }
      assertThatThrownBy(() -> tls(source(4)).close())
          .as("the handshake of one more fails: the server closed it")
          .isInstanceOf(IOException.class);
      try (StreamSipPeer overTcp = StreamSipPeer.tcp(source(4), SipPortResource.port())) {
        assertThat(overTcp.closedWithin(Duration.ofSeconds(2)))
            .as("TCP and TLS count together")
            .isTrue();
      }
      try (StreamSipPeer elsewhere = tls(source(5))) {
        elsewhere.send(invite(elsewhere, "nobody"));
        assertThat(elsewhere.read()).as("other sources still connect").startsWith("SIP/2.0 404 ");
      }
      open.remove(0).close();
      awaitOpenConnections(PER_SOURCE - 1);
      try (StreamSipPeer again = tls(source(4))) {
        again.send(invite(again, "nobody"));
        assertThat(again.read()).as("a freed slot is taken again").startsWith("SIP/2.0 404 ");
      }
    } finally {
      for (StreamSipPeer peer : open) {
        peer.close();
      }
    }
  }

  @Test
  void aRenewedCertificateServesNewConnectionsAfterAReload() throws Exception {
    X509Certificate before = presented();
    TestCertificate renewed = TestCertificate.create(DIR.resolve("renewed"), "sip");
    Files.copy(renewed.certificate(), certificate.certificate(), REPLACE);
    Files.copy(renewed.key(), certificate.key(), REPLACE);
    try {
      assertThat(reload.reload().reloaded()).anyMatch(r -> r.contains("tls certificates sip"));
      TestCertificate trusted =
          new TestCertificate(certificate.certificate(), certificate.key(), renewed.x509());
      try (StreamSipPeer phone = StreamSipPeer.tls(trusted.clientContext(), source(6), tlsPort)) {
        phone.send(invite(phone, "nobody"));
        assertThat(phone.read()).startsWith("SIP/2.0 404 ");
      }
      assertThat(presented(trusted.clientContext()).getSerialNumber())
          .isNotEqualTo(before.getSerialNumber());
    } finally {
      Files.copy(DIR.resolve("sip.crt.orig"), certificate.certificate(), REPLACE);
      Files.copy(DIR.resolve("sip.key.orig"), certificate.key(), REPLACE);
      reload.reload();
    }
  }

  private static final java.nio.file.CopyOption REPLACE =
      java.nio.file.StandardCopyOption.REPLACE_EXISTING;

  private X509Certificate presented() throws Exception {
    Files.copy(certificate.certificate(), DIR.resolve("sip.crt.orig"), REPLACE);
    Files.copy(certificate.key(), DIR.resolve("sip.key.orig"), REPLACE);
    return presented(certificate.clientContext());
  }

  private static X509Certificate presented(SSLContext trusting) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  private void awaitOpenConnections(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (endpoint.openConnections() > count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private String register(
      StreamSipPeer phone, String callId, int cseq, String contact, String authorization) {
    return "REGISTER sips:"
        + domain
        + " SIP/2.0\r\n"
        + via(phone)
        + "Max-Forwards: 70\r\n"
        + "From: <sips:alice@"
        + domain
        + ">;tag=reg1\r\n"
        + "To: <sips:alice@"
        + domain
        + ">\r\n"
        + "Call-ID: "
        + callId
        + "\r\n"
        + "CSeq: "
        + cseq
        + " REGISTER\r\n"
        + "Contact: <"
        + contact
        + ">\r\n"
        + "Expires: 600\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Length: 0\r\n\r\n";
  }

  private String invite(StreamSipPeer phone, String user) {
    return "INVITE sips:"
        + user
        + "@"
        + domain
        + " SIP/2.0\r\n"
        + via(phone)
        + "Max-Forwards: 70\r\n"
        + "From: <sips:caller@"
        + domain
        + ">;tag=inv1\r\n"
        + "To: <sips:"
        + user
        + "@"
        + domain
        + ">\r\n"
        + "Call-ID: "
        + UUID.randomUUID()
        + "@tls.test\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sips:caller@127.0.0.1:"
        + phone.localPort()
        + ">\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private static String via(StreamSipPeer phone) {
    return "Via: SIP/2.0/TLS 192.0.2.7:"
        + phone.localPort()
        + ";branch=z9hG4bK"
        + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + ";rport\r\n";
  }

  /** Digest credentials (MD5, qop=auth) answering the MD5 challenge in {@code challenge}. */
  private static String authorization(String challenge, String uri) throws Exception {
    Matcher offer =
        Pattern.compile("(?m)^WWW-Authenticate: Digest ([^\\r\\n]*algorithm=MD5[^\\r\\n]*)")
            .matcher(challenge);
    assertThat(offer.find()).as("an MD5 challenge in %s", challenge).isTrue();
    String realm = param(offer.group(1), "realm");
    String nonce = param(offer.group(1), "nonce");
    String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
    String ha1 = md5("alice:" + realm + ":" + PASSWORD);
    String ha2 = md5("REGISTER:" + uri);
    String response = md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2);
    return "Digest username=\"alice\", realm=\""
        + realm
        + "\", nonce=\""
        + nonce
        + "\", uri=\""
        + uri
        + "\", response=\""
        + response
        + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\""
        + cnonce
        + "\"";
  }

  private static String param(String header, String name) {
    Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(header);
    assertThat(m.find()).as("%s in %s", name, header).isTrue();
    return m.group(1);
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
