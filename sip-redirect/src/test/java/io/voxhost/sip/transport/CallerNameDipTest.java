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
import io.voxhost.sip.service.SubscriberService;
import jakarta.inject.Inject;
import java.util.UUID;
import javax.sip.address.Address;
import javax.sip.header.ContactHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The caller-name dip over SIP ({@code voxhost.cnam.sip-user=cnam} in the test profile): an INVITE
 * to cnam@domain from who may be redirected gets its caller's name in a 302.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CallerNameDipTest {

  private static final String PASSWORD = "desk-pass-123";

  @Inject TenantService tenants;
  @Inject SubscriberService subscribers;
  @Inject PeerService peers;

  private SipTestClient client;

  /** A tenant whose trusted peer the test client is. */
  private String peered;

  /** A tenant without peers: its subscribers authenticate. */
  private String closed;

  @BeforeEach
  void setUp() throws Exception {
    client = new SipTestClient("127.0.0.1", SipPortResource.port());
    String slug = TestData.name("d");
    peered = slug + ".dip.test";
    UUID tenant = tenants.create(slug, "Dip", peered).id();
    subscribers.create(tenant, "1001", PASSWORD, "Reception");
    subscribers.create(tenant, "1002", PASSWORD, "The \"Big\" Boss");
    peers.add(tenant, IpNetwork.parse("127.0.0.1"), "test client");
    String other = TestData.name("c");
    closed = other + ".dip.test";
    UUID closedTenant = tenants.create(other, "Closed", closed).id();
    subscribers.create(closedTenant, "2001", PASSWORD, "Front Desk");
    subscribers.create(closedTenant, "2002", PASSWORD, "Accounts");
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static Address contact(Response response) {
    return ((ContactHeader) response.getHeader(ContactHeader.NAME)).getAddress();
  }

  private static String assertedIdentity(Response response) {
    String text = response.getHeader("P-Asserted-Identity").toString();
    return text.substring(text.indexOf(':') + 1).strip();
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void aTrustedPeerLearnsTheNameOfItsCallerInA302(String transport) throws Exception {
    Request dip =
        client
            .request(Request.INVITE, "cnam", peered)
            .from("1001", peered)
            .transport(transport)
            .build();
    Response moved = client.send(dip, transport);

    assertThat(moved.getStatusCode()).isEqualTo(302);
    assertThat(contact(moved).getDisplayName()).isEqualTo("Reception");
    assertThat(contact(moved).getURI().toString()).isEqualTo("sip:1001@" + peered);
    assertThat(assertedIdentity(moved)).isEqualTo("\"Reception\" <sip:1001@" + peered + ">");
  }

  @Test
  void quotesInTheNameAreEscaped() throws Exception {
    Request dip = client.request(Request.INVITE, "cnam", peered).from("1002", peered).build();
    Response moved = client.send(dip, "udp");
    assertThat(moved.getStatusCode()).isEqualTo(302);
    assertThat(assertedIdentity(moved))
        .isEqualTo("\"The \\\"Big\\\" Boss\" <sip:1002@" + peered + ">");
  }

  @Test
  void aTrustedPeersAssertedIdentityNamesTheCaller() throws Exception {
    Request dip = client.request(Request.INVITE, "cnam", peered).from("anonymous", peered).build();
    dip.addHeader(client.header("P-Asserted-Identity", "<sip:1001@" + peered + ">"));
    Response moved = client.send(dip, "udp");
    assertThat(moved.getStatusCode()).isEqualTo(302);
    assertThat(contact(moved).getDisplayName()).isEqualTo("Reception");
  }

  @Test
  void aCallerWithoutANameOrNumberGets404SayingWhich() throws Exception {
    Response noName =
        client.send(
            client.request(Request.INVITE, "cnam", peered).from("+14155550199", peered).build(),
            "udp");
    assertThat(noName.getStatusCode()).isEqualTo(404);
    assertThat(noName.getReasonPhrase()).isEqualTo("No Caller Name");

    Response noNumber =
        client.send(
            client.request(Request.INVITE, "cnam", peered).from("1999", peered).build(), "udp");
    assertThat(noNumber.getStatusCode()).isEqualTo(404);
    assertThat(noNumber.getReasonPhrase()).isEqualTo("Caller Is Not A Number");
  }

  @Test
  void anAuthenticatedSubscriberLearnsItsOwnNameAndItsAssertedIdentityIsIgnored() throws Exception {
    Request dip = client.request(Request.INVITE, "cnam", closed).from("2001", closed).build();
    // Not from a trusted peer: a PAI is only a claim, and it claims another subscriber.
    dip.addHeader(client.header("P-Asserted-Identity", "<sip:2002@" + closed + ">"));
    Response challenge = client.send(dip, "udp");
    assertThat(challenge.getStatusCode()).isEqualTo(401);

    Response moved =
        client.send(client.authorize(dip, challenge, "2001", PASSWORD, "SHA-256", 1, 2), "udp");
    assertThat(moved.getStatusCode()).isEqualTo(302);
    assertThat(contact(moved).getDisplayName()).isEqualTo("Front Desk");
  }

  @Test
  void aStrangerIsChallengedAndLearnsNothing() throws Exception {
    // The client is no peer of this tenant and proves no password: challenged, as any INVITE.
    Response challenge =
        client.send(
            client.request(Request.INVITE, "cnam", closed).from("2002", closed).build(), "udp");
    assertThat(challenge.getStatusCode()).isEqualTo(401);
    assertThat(challenge.getHeader(ContactHeader.NAME)).isNull();
  }

  @Test
  void aSubscriberOfAnotherTenantLearnsNothing() throws Exception {
    // 1001 of the peered tenant authenticates, then asks in the closed tenant's domain.
    Request dip = client.request(Request.INVITE, "cnam", closed).from("1001", peered).build();
    Response challenge = client.send(dip, "udp");
    assertThat(challenge.getStatusCode()).isEqualTo(401);
    Response refused =
        client.send(client.authorize(dip, challenge, "1001", PASSWORD, "SHA-256", 1, 2), "udp");
    assertThat(refused.getStatusCode()).isEqualTo(404);
    assertThat(refused.getHeader(ContactHeader.NAME)).isNull();
  }

  @Test
  void aRetransmittedDipGetsTheSameAnswerWithoutASecondLookup() throws Exception {
    try (RawSipPeer peer = new RawSipPeer(SipPortResource.port())) {
      String invite =
          String.join(
              "\r\n",
              "INVITE sip:cnam@" + peered + " SIP/2.0",
              "Via: SIP/2.0/UDP "
                  + peer.localAddress()
                  + ":"
                  + peer.localPort()
                  + ";branch=z9hG4bKretrans"
                  + System.nanoTime(),
              "Max-Forwards: 70",
              "From: <sip:1001@" + peered + ">;tag=r1",
              "To: <sip:cnam@" + peered + ">",
              "Call-ID: retrans-" + System.nanoTime() + "@test",
              "CSeq: 1 INVITE",
              "Content-Length: 0",
              "",
              "");
      byte[] bytes = invite.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String first = peer.udp(bytes);
      String again = peer.udp(bytes);
      assertThat(first).startsWith("SIP/2.0 302").contains("\"Reception\"");
      // A new answer would carry a new To tag: the same bytes mean the first was sent again.
      assertThat(again).isEqualTo(first);
    }
  }
}
