package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage on the wire: each case gets a 400 with a reason or no answer at all, and afterwards the
 * server still answers a good OPTIONS on both transports.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class MalformedInputTest {

  @Inject TenantService tenants;

  private RawSipPeer peer;

  @BeforeEach
  void setUp() throws Exception {
    peer = new RawSipPeer(SipPortResource.port());
  }

  @AfterEach
  void tearDown() {
    peer.close();
  }

  private String message(String method, String... headerLines) {
    StringBuilder m = new StringBuilder();
    m.append(method).append(" sip:bob@malformed.test SIP/2.0\r\n");
    for (String h : headerLines) {
      m.append(h).append("\r\n");
    }
    m.append("\r\n");
    return m.toString();
  }

  private String[] goodHeaders(String transport) {
    String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
    return new String[] {
      "Via: SIP/2.0/" + transport + " 127.0.0.1:" + peer.localPort() + ";branch=" + branch,
      "Max-Forwards: 70",
      "From: <sip:alice@malformed.test>;tag=1",
      "To: <sip:bob@malformed.test>",
      "Call-ID: " + UUID.randomUUID() + "@test",
      "CSeq: 1 OPTIONS",
      "Content-Length: 0"
    };
  }

  private void assertStillServing() throws Exception {
    String udpAnswer =
        peer.udp(message("OPTIONS", goodHeaders("UDP")).getBytes(StandardCharsets.UTF_8));
    assertThat(udpAnswer).startsWith("SIP/2.0 200");
    String tcpAnswer =
        peer.tcp(message("OPTIONS", goodHeaders("TCP")).getBytes(StandardCharsets.UTF_8));
    assertThat(tcpAnswer).startsWith("SIP/2.0 200");
  }

  private static void assertBadRequestOrSilence(String answer) {
    if (answer != null) {
      assertThat(answer).startsWith("SIP/2.0 400");
    }
  }

  /** Without a Call-ID no response could be matched by the sender, so silence is right. */
  @Test
  void aMissingCallIdGetsNoAnswer() throws Exception {
    String[] h = goodHeaders("UDP");
    String noCallId = message("OPTIONS", h[0], h[1], h[2], h[3], h[5], h[6]);
    assertBadRequestOrSilence(peer.udp(noCallId.getBytes(StandardCharsets.UTF_8)));
    assertStillServing();
  }

  @Test
  void aBadRequestUriIsABadRequest() throws Exception {
    String[] h = goodHeaders("UDP");
    String bad = message("INVITE", h).replace("sip:bob@malformed.test", "sip:@@::bad uri");
    assertThat(peer.udp(bad.getBytes(StandardCharsets.UTF_8))).startsWith("SIP/2.0 400");
    assertStillServing();
  }

  @Test
  void aLyingContentLengthIsNotBelieved() throws Exception {
    String[] h = goodHeaders("UDP");
    h[6] = "Content-Length: 5000";
    assertThat(peer.udp(message("OPTIONS", h).getBytes(StandardCharsets.UTF_8)))
        .startsWith("SIP/2.0 400 Bad Request (Bad Content-Length)\r\n");
    h = goodHeaders("TCP");
    h[6] = "Content-Length: -7";
    assertBadRequestOrSilence(peer.tcp(message("OPTIONS", h).getBytes(StandardCharsets.UTF_8)));
    assertStillServing();
  }

  @Test
  void binaryNoiseIsDropped() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] noise = new byte[1 + random.nextInt(1400)];
      random.nextBytes(noise);
      peer.send(noise);
    }
    byte[] noise = new byte[100_000];
    random.nextBytes(noise);
    peer.tcp(noise);
    assertStillServing();
  }

  /**
   * The same REGISTER twice (same branch, Call-ID and CSeq), as a client whose 200 was lost sends
   * it: the second gets the first one's answer, not a 500 for a CSeq already seen.
   */
  @Test
  void aRetransmittedRegisterGetsTheSameAnswer() throws Exception {
    String slug = TestData.name("r");
    String domain = slug + ".sip.test";
    tenants.create(slug, "Retransmissions", domain);
    tenants.update(slug, null, null, false);
    String branch = "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
    String register =
        "REGISTER sip:"
            + domain
            + " SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:"
            + peer.localPort()
            + ";branch="
            + branch
            + "\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:ivan@"
            + domain
            + ">;tag=9\r\n"
            + "To: <sip:ivan@"
            + domain
            + ">\r\n"
            + "Call-ID: "
            + UUID.randomUUID()
            + "@test\r\n"
            + "CSeq: 7 REGISTER\r\n"
            + "Contact: <sip:ivan@192.0.2.99:5060>;expires=600\r\n"
            + "Content-Length: 0\r\n\r\n";
    byte[] bytes = register.getBytes(StandardCharsets.UTF_8);
    String first = peer.udp(bytes);
    String second = peer.udp(bytes);
    assertThat(first).startsWith("SIP/2.0 200");
    assertThat(second).startsWith("SIP/2.0 200").contains("sip:ivan@192.0.2.99:5060");
  }

  /** A burst far beyond what the stack threads can take: the excess is dropped, not queued. */
  @Test
  void aFloodOfDatagramsIsSurvived() throws Exception {
    byte[] options = message("OPTIONS", goodHeaders("UDP")).getBytes(StandardCharsets.UTF_8);
    byte[] big = new byte[60_000];
    System.arraycopy(options, 0, big, 0, options.length);
    try (DatagramSocket flood = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      for (int i = 0; i < 30_000; i++) {
        byte[] payload = i % 10 == 0 ? big : options;
        flood.send(
            new DatagramPacket(
                payload, payload.length, InetAddress.getLoopbackAddress(), SipPortResource.port()));
      }
    }
    // The per-source limit refuses the flooding address for a moment; others are served at once,
    // and this test's own address again as soon as its bucket refills.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(this::assertStillServing);
  }

  @Test
  void foldedAndHugeHeadersDoNotHurt() throws Exception {
    String[] h = goodHeaders("UDP");
    StringBuilder folded = new StringBuilder("Subject: start");
    for (int i = 0; i < 2000; i++) {
      folded.append("\r\n x");
    }
    String withFolding =
        message("OPTIONS", h[0], h[1], h[2], h[3], h[4], h[5], folded.toString(), h[6]);
    assertThat(peer.udp(withFolding.getBytes(StandardCharsets.UTF_8)))
        .startsWith("SIP/2.0 400 Bad Request (Too Many Folded Lines)");

    String[] t = goodHeaders("TCP");
    String huge = "X-Huge: " + "a".repeat(70_000);
    String tooBig = message("OPTIONS", t[0], t[1], t[2], t[3], t[4], t[5], huge, t[6]);
    assertThat(peer.tcp(tooBig.getBytes(StandardCharsets.UTF_8)))
        .startsWith("SIP/2.0 513 Message Too Large\r\n");
    assertStillServing();
  }

  @Test
  void anotherSipVersionGets505() throws Exception {
    String request = message("OPTIONS", goodHeaders("UDP")).replace(" SIP/2.0\r\n", " SIP/3.0\r\n");
    assertThat(peer.udp(request.getBytes(StandardCharsets.UTF_8))).startsWith("SIP/2.0 505");
    assertStillServing();
  }

  @Test
  void aCSeqOfAnotherMethodIsABadRequest() throws Exception {
    String request =
        message("OPTIONS", goodHeaders("UDP")).replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE");
    assertThat(peer.udp(request.getBytes(StandardCharsets.UTF_8)))
        .startsWith("SIP/2.0 400 CSeq Method Does Not Match");
    assertStillServing();
  }

  /** The 400 to an unparseable request is smaller than it: no echo that could amplify a flood. */
  @Test
  void aBrokenRequestIsNotEchoedBack() throws Exception {
    String[] h = goodHeaders("UDP");
    String bad =
        message("INVITE", h).replace("sip:bob@malformed.test", "sip:@@::bad uri")
            + "v=0\r\n".repeat(200);
    String answer = peer.udp(bad.getBytes(StandardCharsets.UTF_8));
    assertThat(answer).startsWith("SIP/2.0 400").endsWith("Content-Length: 0\r\n\r\n");
    assertThat(answer.length()).isLessThan(bad.length());
  }

  /**
   * Answers go where RFC 3261 18.2.2 and RFC 3581 say: to the port in the Via unless the client
   * asked for rport, then back to the port the request came from, with received and rport filled
   * in.
   */
  @Test
  void answersGoToTheViaPortOrBackToTheSourceWithRport() throws Exception {
    try (DatagramSocket other = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      other.setSoTimeout(1500);
      String[] h = goodHeaders("UDP");
      h[0] = h[0].replace(":" + peer.localPort() + ";", ":" + other.getLocalPort() + ";");
      byte[] toOther = message("OPTIONS", h).getBytes(StandardCharsets.UTF_8);
      peer.send(toOther);
      byte[] buf = new byte[65535];
      DatagramPacket in = new DatagramPacket(buf, buf.length);
      other.receive(in);
      assertThat(new String(buf, 0, in.getLength(), StandardCharsets.UTF_8))
          .startsWith("SIP/2.0 200");

      h = goodHeaders("UDP");
      h[0] = h[0].replace(":" + peer.localPort() + ";", ":" + other.getLocalPort() + ";rport;");
      String answer = peer.udp(message("OPTIONS", h).getBytes(StandardCharsets.UTF_8));
      assertThat(answer)
          .startsWith("SIP/2.0 200")
          .containsPattern("Via: [^\r]*;rport=" + peer.localPort())
          .containsPattern("Via: [^\r]*;received=127\\.0\\.0\\.1");
    }
  }
}
