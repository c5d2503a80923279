package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.sip.service.PeerService;
import io.voxhost.sip.service.SipPeer;
import io.voxhost.sip.service.SubscriberService;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, "nobody lists the users": INVITEs from a source the tenant did not declare, or from a
 * subscriber of another tenant, get the same answer for a registered user, an unregistered user and
 * a user that does not exist; the tenant's declared peer gets the real answers.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SipEnumerationTest {

  private static final String PEER = "127.0.0.5";
  private static final String STRANGER = "127.0.0.9";
  private static final List<String> USERS = List.of("reg", "unreg", "ghost");

  @Inject TenantService tenants;
  @Inject SubscriberService subscribers;
  @Inject PeerService peers;

  private UUID tenantB;
  private String domainB;
  private String domainA;
  private SipPeer declared;

  @BeforeEach
  void setUp() throws Exception {
    String slugB = TestData.name("enb");
    domainB = slugB + ".sip.test";
    tenantB = tenants.create(slugB, "Enumerated", domainB).id();
    tenants.update(slugB, null, null, false); // "reg" registers without a password below
    subscribers.create(tenantB, "reg", "reg-secret-1", null);
    subscribers.create(tenantB, "unreg", "unreg-secret-1", null);
    declared = peers.add(tenantB, IpNetwork.parse(PEER + "/32"), "the tenant's SBC");

    String slugA = TestData.name("ena");
    domainA = slugA + ".sip.test";
    UUID tenantA = tenants.create(slugA, "Curious", domainA).id();
    subscribers.create(tenantA, "mallory", "mallory-pass-1", null);
    subscribers.create(tenantA, "friend", "friend-pass-1", null);

    try (RawSipPeer phone = new RawSipPeer(SipPortResource.port(), address(STRANGER))) {
      String ok = phone.udp(register(phone, "reg").getBytes(StandardCharsets.UTF_8));
      assertThat(ok).startsWith("SIP/2.0 200");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void anUndeclaredSourceGetsTheSameChallengeForEveryUser(String transport) throws Exception {
    List<String> answers = new ArrayList<>();
    try (RawSipPeer stranger = new RawSipPeer(SipPortResource.port(), address(STRANGER))) {
      for (String user : USERS) {
        answers.add(exchange(stranger, transport, invite(stranger, transport, user, "caller")));
      }
    }
    assertThat(answers.get(0)).startsWith("SIP/2.0 401 Unauthorized\r\n");
    assertThat(answers.get(0)).contains("WWW-Authenticate: Digest");
    assertThat(answers.stream().map(SipEnumerationTest::comparable).distinct()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void anUndeclaredSourceFromAnotherDomainGetsTheSameRefusalForEveryUser(String transport)
      throws Exception {
    List<String> answers = new ArrayList<>();
    try (RawSipPeer stranger = new RawSipPeer(SipPortResource.port(), address(STRANGER))) {
      for (String user : USERS) {
        answers.add(
            exchange(
                stranger,
                transport,
                invite(stranger, transport, user, "scanner")
                    .replace(domainB + ">;tag", "scan.invalid>;tag")));
      }
    }
    assertThat(answers.get(0)).startsWith("SIP/2.0 403 Caller Domain Not Served\r\n");
    assertThat(answers.stream().map(SipEnumerationTest::comparable).distinct()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"UDP", "TCP"})
  void theDeclaredPeerGetsTheRealAnswers(String transport) throws Exception {
    try (RawSipPeer sbc = new RawSipPeer(SipPortResource.port(), address(PEER))) {
      String registered = exchange(sbc, transport, invite(sbc, transport, "reg", "caller"));
      assertThat(registered).startsWith("SIP/2.0 302 Moved Temporarily\r\n");
      assertThat(registered).containsPattern("(?i)\r\n(Contact|m):[^\r]*sip:reg@192\\.0\\.2\\.77");
      assertThat(exchange(sbc, transport, invite(sbc, transport, "unreg", "caller")))
          .startsWith("SIP/2.0 480");
      assertThat(exchange(sbc, transport, invite(sbc, transport, "ghost", "caller")))
          .startsWith("SIP/2.0 404 User Not Found\r\n");
    }
  }

  @Test
  void aPeerNoLongerDeclaredIsChallengedAtOnce() throws Exception {
    peers.delete(tenantB, declared.id());
    try (RawSipPeer sbc = new RawSipPeer(SipPortResource.port(), address(PEER))) {
      assertThat(exchange(sbc, "UDP", invite(sbc, "UDP", "reg", "caller")))
          .startsWith("SIP/2.0 401");
    }
  }

  @Test
  void aSubscriberOfAnotherTenantLearnsNothingAboutItsUsers() throws Exception {
    try (SipTestClient mallory = new SipTestClient("127.0.0.1", SipPortResource.port())) {
      List<String> answers = new ArrayList<>();
      long cseq = 1;
      for (String user : USERS) {
        Request invite =
            mallory.request(Request.INVITE, user, domainB).from("mallory", domainA).build();
        Response challenge = mallory.send(invite, "udp");
        assertThat(challenge.getStatusCode()).isEqualTo(401);
        Response answer =
            mallory.send(
                mallory.authorize(
                    invite, challenge, "mallory", "mallory-pass-1", "SHA-256", 1, ++cseq),
                "udp");
        // The To header echoes the request's (this client addresses To to the Request-URI's user).
        answers.add(answer.toString().replace("<sip:" + user + "@", "<sip:someone@"));
      }
      assertThat(answers.get(0)).startsWith("SIP/2.0 404 User Not Found\r\n");
      assertThat(answers.stream().map(SipEnumerationTest::comparable).distinct()).hasSize(1);

      // The same authentication reaches mallory's own tenant's users: the gate is the tenant.
      Request own =
          mallory.request(Request.INVITE, "friend", domainA).from("mallory", domainA).build();
      Response challenge = mallory.send(own, "udp");
      Response answer =
          mallory.send(
              mallory.authorize(own, challenge, "mallory", "mallory-pass-1", "SHA-256", 1, 2),
              "udp");
      assertThat(answer.getStatusCode()).isEqualTo(480);
      assertThat(answer.getHeader(ContactHeader.NAME)).isNull();
    }
  }

  private static InetAddress address(String loopback) throws Exception {
    return InetAddress.getByAddress(InetAddress.getByName(loopback).getAddress());
  }

  private static String exchange(RawSipPeer peer, String transport, String message)
      throws Exception {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    String answer = "TCP".equals(transport) ? peer.tcp(bytes) : peer.udp(bytes);
    assertThat(answer).as("an answer to\n" + message).isNotNull();
    return answer;
  }

  /**
   * The answer without what differs between any two requests' answers: Via, Call-ID, CSeq, tags,
   * and the challenge's nonce (fresh for every challenge by design, and the same whatever the
   * Request-URI). Everything else, status line included, must match byte for byte.
   */
  private static String comparable(String answer) {
    StringBuilder out = new StringBuilder();
    for (String line : answer.split("\r\n", -1)) {
      String name = line.contains(":") ? line.substring(0, line.indexOf(':')).strip() : "";
      switch (name.toLowerCase(Locale.ROOT)) {
        case "via", "v", "call-id", "i", "cseq" -> {
          continue;
        }
        default -> {}
      }
      out.append(
              line.replaceAll(";tag=[^;,>\\s]+", ";tag=*")
                  .replaceAll("nonce=\"[^\"]*\"", "nonce=\"*\""))
          .append("\r\n");
    }
    return out.toString();
  }

  private String invite(RawSipPeer from, String transport, String user, String caller) {
    String source = from.localAddress();
    return "INVITE sip:"
        + user
        + "@"
        + domainB
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/"
        + transport
        + " "
        + source
        + ":"
        + from.localPort()
        + ";rport;branch=z9hG4bK"
        + UUID.randomUUID().toString().replace("-", "")
        + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:"
        + caller
        + "@"
        + domainB
        + ">;tag=f1\r\n"
        // The same To for all: the Request-URI names the user, and only it may differ.
        + "To: <sip:someone@"
        + domainB
        + ">\r\n"
        + "Call-ID: "
        + UUID.randomUUID()
        + "@enum.test\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "Contact: <sip:"
        + caller
        + "@"
        + source
        + ":"
        + from.localPort()
        + ">\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  private String register(RawSipPeer from, String user) {
    return "REGISTER sip:"
        + domainB
        + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP "
        + from.localAddress()
        + ":"
        + from.localPort()
        + ";branch=z9hG4bK"
        + UUID.randomUUID().toString().replace("-", "")
        + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:"
        + user
        + "@"
        + domainB
        + ">;tag=r1\r\n"
        + "To: <sip:"
        + user
        + "@"
        + domainB
        + ">\r\n"
        + "Call-ID: "
        + UUID.randomUUID()
        + "@enum.test\r\n"
        + "CSeq: 1 REGISTER\r\n"
        + "Contact: <sip:"
        + user
        + "@192.0.2.77:5060>;expires=600\r\n"
        + "Content-Length: 0\r\n\r\n";
  }
}
