package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.sip.service.PeerService;
import io.voxhost.sip.service.SubscriberService;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With voxhost.sip.auth-invite=true the caller of a redirected request must authenticate. */
@QuarkusTest
@TestProfile(SipAuthInviteTest.AuthInvite.class)
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SipAuthInviteTest {

  /** Turns INVITE authentication on. */
  public static class AuthInvite implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("voxhost.sip.auth-invite", "true");
    }
  }

  private static final String PASSWORD = "caller-pass-1";

  @Inject TenantService tenants;
  @Inject SubscriberService subscribers;
  @Inject PeerService peers;

  private SipTestClient client;
  private String domain;
  private UUID tenant;

  @BeforeEach
  void setUp() throws Exception {
    client = new SipTestClient("127.0.0.1", SipPortResource.port());
    String slug = TestData.name("i");
    domain = slug + ".sip.test";
    tenant = tenants.create(slug, "Invite auth", domain).id();
    subscribers.create(tenant, "caller", PASSWORD, null);
    subscribers.create(tenant, "callee", "callee-pass-1", null);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void challengesTheCallerAndRedirectsOnceAuthenticated() throws Exception {
    Request invite =
        client.request(Request.INVITE, "callee", domain).from("caller", domain).build();
    Response challenge = client.send(invite, "udp");
    assertThat(challenge.getStatusCode()).isEqualTo(401);
    Response answered =
        client.send(
            client.authorize(invite, challenge, "caller", PASSWORD, "SHA-256", 1, 2), "udp");
    assertThat(answered.getStatusCode()).isEqualTo(480); // callee exists but is not registered
    Response wrong =
        client.send(
            client.authorize(invite, challenge, "caller", "not-the-pass", "SHA-256", 2, 3), "udp");
    assertThat(wrong.getStatusCode()).isEqualTo(401);
  }

  /**
   * An authenticated INVITE sent again, as a phone does whose answer was lost: the same answer
   * again, not a fresh challenge for its nonce-count (seen once already).
   */
  @Test
  void aRetransmittedAuthenticatedInviteGetsItsFirstAnswerAgain() throws Exception {
    Request invite =
        client.request(Request.INVITE, "callee", domain).from("caller", domain).build();
    Response challenge = client.send(invite, "udp");
    assertThat(challenge.getStatusCode()).isEqualTo(401);
    Request authorized = client.authorize(invite, challenge, "caller", PASSWORD, "SHA-256", 1, 2);
    // Sent twice from a raw socket, byte for byte (the client's own transaction would absorb the
    // second answer): its Via names that socket.
    try (RawSipPeer peer = new RawSipPeer(SipPortResource.port())) {
      String text =
          authorized
              .toString()
              .replaceFirst(
                  "(?m)^Via: SIP/2.0/UDP [^;\\r\\n]+",
                  "Via: SIP/2.0/UDP " + peer.localAddress() + ":" + peer.localPort());
      byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      String first = peer.udp(bytes);
      String again = peer.udp(bytes);
      assertThat(first).startsWith("SIP/2.0 480");
      assertThat(again).startsWith("SIP/2.0 480");
    }
  }

  /** auth-invite means every caller: a declared peer's are challenged too (see sip.md). */
  @Test
  void challengesCallersBehindADeclaredPeerToo() throws Exception {
    peers.add(tenant, IpNetwork.parse("127.0.0.1/32"), "test client");
    Request invite =
        client.request(Request.INVITE, "callee", domain).from("caller", domain).build();
    Response challenge = client.send(invite, "udp");
    assertThat(challenge.getStatusCode()).isEqualTo(401);
    Response answered =
        client.send(
            client.authorize(invite, challenge, "caller", PASSWORD, "SHA-256", 1, 2), "udp");
    assertThat(answered.getStatusCode()).isEqualTo(480);
  }

  @Test
  void refusesCallersFromDomainsNotServed() throws Exception {
    Request stranger =
        client.request(Request.INVITE, "callee", domain).from("x", "elsewhere.invalid").build();
    Response refused = client.send(stranger, "udp");
    assertThat(refused.getStatusCode()).isEqualTo(403);
  }
}
