package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.sip.service.SubscriberService;
import jakarta.inject.Inject;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the failure counting of digest authentication (test profile: 8 failures in 2 s): a
 * flood of forged answers from other addresses must not lock out a phone whose password is right,
 * and a real brute force is blocked for its own source only.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SipAuthLockoutTest {

  private static final String PASSWORD = "correct-horse-1";
  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

  @Inject TenantService tenants;
  @Inject SubscriberService subscribers;

  private SipTestClient phone;
  private String domain;

  @BeforeEach
  void setUp() throws Exception {
    phone = new SipTestClient("127.0.0.1", SipPortResource.port());
    String slug = TestData.name("l");
    domain = slug + ".sip.test";
    UUID tenant = tenants.create(slug, "Lockout test", domain).id();
    subscribers.create(tenant, "alice", PASSWORD, "Alice");
  }

  @AfterEach
  void tearDown() {
    phone.close();
  }

  private Request register(SipTestClient client) throws Exception {
    return client
        .request(Request.REGISTER, "alice", domain)
        .contact("sip:alice@192.0.2.80", 600, null)
        .build();
  }

  /** One full REGISTER of the phone: challenge, answer; the status of the answer's response. */
  private int registers(SipTestClient client, String password) throws Exception {
    Request first = register(client);
    Response challenge = client.send(first, "udp");
    if (challenge.getStatusCode() != 401) {
      return challenge.getStatusCode();
    }
    return client
        .send(client.authorize(first, challenge, "alice", password, "MD5", 1, 2), "udp")
        .getStatusCode();
  }

  @Test
  void forgedAnswersFromOtherAddressesDoNotLockOutThePhone() throws Exception {
    // A nonce the server really issued, but to the phone: the attacker saw it on the wire.
    Response phonesChallenge = phone.send(register(phone), "udp");
    Matcher sniffed = NONCE.matcher(phonesChallenge.toString());
    assertThat(sniffed.find()).isTrue();
    String[] nonces = {sniffed.group(1), forgedNonce(), "not-even-base64!"};
    int answered = 0;
    for (int host = 2; host <= 7; host++) {
      try (DatagramSocket attacker =
          new DatagramSocket(new InetSocketAddress("127.0.0." + host, 0))) {
        attacker.setSoTimeout(2000);
        for (int i = 0; i < 12; i++) {
          String reply = exchange(attacker, forgedRegister(attacker, nonces[i % nonces.length], i));
          assertThat(reply).as("answer to forged REGISTER %d from 127.0.0.%d", i, host).isNotNull();
          assertThat(reply).startsWith("SIP/2.0 401");
          answered++;
        }
      }
    }
    assertThat(answered).isEqualTo(72); // nine times the limit of 8, all for alice
    assertThat(registers(phone, PASSWORD)).isEqualTo(200);
  }

  @Test
  void aBruteForceIsBlockedForItsOwnSourceOnly() throws Exception {
    try (SipTestClient guesser =
        new SipTestClient("127.0.0.1", SipPortResource.port(), "127.0.0.2")) {
      int status = 0;
      for (int i = 0; i < 12 && status != 403; i++) {
        status = registers(guesser, "guess-" + i + "-xx");
      }
      assertThat(status).as("the guesser is refused").isEqualTo(403);
      // Even the right password does not get the guessing source through now...
      assertThat(registers(guesser, PASSWORD)).isEqualTo(403);
      // ...while the phone, which has not failed, registers as always.
      assertThat(registers(phone, PASSWORD)).isEqualTo(200);
      // The window is 2 s in tests: wait it out so that later tests start clean.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(registers(guesser, PASSWORD)).isEqualTo(200));
    }
  }

  /** Looks like one of ours (right length) but its MAC is random. */
  private static String forgedNonce() {
    byte[] bytes = new byte[36];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private byte[] forgedRegister(DatagramSocket from, String nonce, int n) {
    String local = "127.0.0." + from.getLocalAddress().getAddress()[3] + ":" + from.getLocalPort();
    String callId = UUID.randomUUID() + "@forged";
    String message =
        String.join(
            "\r\n",
            "REGISTER sip:" + domain + " SIP/2.0",
            "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bKforged" + UUID.randomUUID(),
            "Max-Forwards: 70",
            "From: <sip:alice@" + domain + ">;tag=f" + n,
            "To: <sip:alice@" + domain + ">",
            "Call-ID: " + callId,
            "CSeq: " + (n + 1) + " REGISTER",
            "Contact: <sip:alice@" + local + ">",
            "Authorization: Digest username=\"alice\",realm=\""
                + domain
                + "\",nonce=\""
                + nonce
                + "\",uri=\"sip:"
                + domain
                + "\",response=\"0123456789abcdef0123456789abcdef\",algorithm=MD5,qop=auth,"
                + "nc=00000001,cnonce=\"c"
                + n
                + "\"",
            "Expires: 600",
            "Content-Length: 0",
            "",
            "");
    return message.getBytes(StandardCharsets.UTF_8);
  }

  private static String exchange(DatagramSocket socket, byte[] request) throws Exception {
    socket.send(
        new DatagramPacket(
            request, request.length, InetAddress.getByName("127.0.0.1"), SipPortResource.port()));
    byte[] buf = new byte[65535];
    DatagramPacket in = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(in);
      return new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
    } catch (SocketTimeoutException silence) {
      return null;
    }
  }
}
