package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.sip.SipConfig;
import io.voxhost.sip.service.PeerService;
import io.voxhost.sip.service.SipClock;
import io.voxhost.sip.service.SubscriberService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Digest authentication of REGISTER (RFC 3261 22, RFC 7616, RFC 8760) through a real stack. */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SipAuthTest {

  private static final String PASSWORD = "correct-horse-1";

  @Inject TenantService tenants;
  @Inject SubscriberService subscribers;
  @Inject PeerService peers;
  @Inject SipConfig config;

  private SipTestClient client;
  private String slug;
  private String domain;

  @BeforeEach
  void setUp() throws Exception {
    client = new SipTestClient("127.0.0.1", SipPortResource.port());
    slug = TestData.name("a");
    domain = slug + ".sip.test";
    UUID tenant = tenants.create(slug, "Auth test", domain).id();
    subscribers.create(tenant, "alice", PASSWORD, "Alice");
    peers.add(tenant, IpNetwork.parse("127.0.0.1"), "test client"); // its INVITEs get the 302
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private Request register(String user) throws Exception {
    return client
        .request(Request.REGISTER, user, domain)
        .contact("sip:" + user + "@192.0.2.80", 600, null)
        .build();
  }

  /** A REGISTER from a User-Agent on the MD5-only list. */
  private Request sipp() throws Exception {
    Request legacy = register("alice");
    legacy.addHeader(client.header("User-Agent", "SIPp/3.6.1"));
    return legacy;
  }

  private static List<WWWAuthenticateHeader> challenges(Response response) {
    List<WWWAuthenticateHeader> list = new ArrayList<>();
    for (Iterator<?> it = response.getHeaders(WWWAuthenticateHeader.NAME); it.hasNext(); ) {
      list.add((WWWAuthenticateHeader) it.next());
    }
    return list;
  }

  @Test
  void challengesWithMd5FirstThenSha256ByDefault() throws Exception {
    Response challenge = client.send(register("alice"), "udp");
    assertThat(challenge.getStatusCode()).isEqualTo(401);
    List<WWWAuthenticateHeader> offers = challenges(challenge);
    assertThat(offers)
        .extracting(WWWAuthenticateHeader::getAlgorithm)
        .containsExactly("MD5", "SHA-256");
    assertThat(offers)
        .allSatisfy(
            h -> {
              assertThat(h.getRealm()).isEqualTo(domain);
              assertThat(h.getQop()).isEqualTo("auth");
              assertThat(h.getNonce()).hasSizeGreaterThan(30);
            });
    assertThat(challenge.toString()).contains("qop=\"auth\"").contains("algorithm=SHA-256");
  }

  @Test
  void aTenantMayPutSha256First() throws Exception {
    tenants.update(slug, null, null, null, List.of("SHA-256", "MD5"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(challenges(client.send(register("alice"), "udp")))
                    .extracting(WWWAuthenticateHeader::getAlgorithm)
                    .containsExactly("SHA-256", "MD5"));
    Request first = register("alice");
    Response challenge = client.send(first, "udp");
    Response ok =
        client.send(client.authorize(first, challenge, "alice", PASSWORD, "SHA-256", 1, 2), "udp");
    assertThat(ok.getStatusCode()).isEqualTo(200);
    // The User-Agent rule still holds for a tenant's own list.
    assertThat(challenges(client.send(sipp(), "udp")))
        .extracting(WWWAuthenticateHeader::getAlgorithm)
        .containsExactly("MD5");

    tenants.update(slug, null, null, null, List.of("SHA-256"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(challenges(client.send(sipp(), "udp")))
                    .extracting(WWWAuthenticateHeader::getAlgorithm)
                    .containsExactly("SHA-256"));
    tenants.update(slug, null, null, null, List.of());
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(challenges(client.send(register("alice"), "udp")))
                    .extracting(WWWAuthenticateHeader::getAlgorithm)
                    .containsExactly("MD5", "SHA-256"));
  }

  @Test
  void challengesKnownLegacyUserAgentsWithMd5Alone() throws Exception {
    Request legacy = register("alice");
    legacy.addHeader(client.header("User-Agent", "baresip v1.0.0 (x86_64/linux)"));
    Response challenge = client.send(legacy, "udp");
    assertThat(challenges(challenge))
        .extracting(WWWAuthenticateHeader::getAlgorithm)
        .containsExactly("MD5");
    Response ok =
        client.send(client.authorize(legacy, challenge, "alice", PASSWORD, "MD5", 1, 2), "udp");
    assertThat(ok.getStatusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256", "MD5"})
  void registersWithTheRightPassword(String algorithm) throws Exception {
    Request first = register("alice");
    Response challenge = client.send(first, "udp");
    Request answered = client.authorize(first, challenge, "alice", PASSWORD, algorithm, 1, 2);
    Response ok = client.send(answered, "udp");
    assertThat(ok.getStatusCode()).isEqualTo(200);
    Response moved = client.send(client.request(Request.INVITE, "alice", domain).build(), "udp");
    assertThat(moved.getStatusCode()).isEqualTo(302);
  }

  @Test
  void answersAWrongPasswordWithAFreshChallenge() throws Exception {
    Request first = register("alice");
    Response challenge = client.send(first, "udp");
    Response again =
        client.send(
            client.authorize(first, challenge, "alice", "wrong-pass-1", "SHA-256", 1, 2), "udp");
    assertThat(again.getStatusCode()).isEqualTo(401);
    assertThat(challenges(again)).isNotEmpty();
    Response unknownUser = client.send(register("mallory"), "udp");
    Response stillNo =
        client.send(
            client.authorize(register("mallory"), unknownUser, "mallory", PASSWORD, "MD5", 1, 2),
            "udp");
    assertThat(stillNo.getStatusCode()).isEqualTo(401);
  }

  @Test
  void refusesAReplayedNonceCount() throws Exception {
    Request first = register("alice");
    Response challenge = client.send(first, "udp");
    Response ok =
        client.send(client.authorize(first, challenge, "alice", PASSWORD, "MD5", 1, 2), "udp");
    assertThat(ok.getStatusCode()).isEqualTo(200);
    Response replay =
        client.send(client.authorize(first, challenge, "alice", PASSWORD, "MD5", 1, 3), "udp");
    assertThat(replay.getStatusCode()).isEqualTo(401);
    Response next =
        client.send(client.authorize(first, challenge, "alice", PASSWORD, "MD5", 2, 4), "udp");
    assertThat(next.getStatusCode()).isEqualTo(200);
  }

  @Test
  void marksAnExpiredNonceStale() throws Exception {
    Request first = register("alice");
    Response challenge = client.send(first, "udp");
    // The role's clock moves past the nonce's lifetime (for this test only) instead of the test
    // sleeping through it: the outcome then depends on the lifetime, not on how busy the machine
    // is.
    Duration later = config.auth().nonceTtl().plusSeconds(1);
    QuarkusMock.installMockForType(
        new SipClock(Clock.offset(Clock.systemUTC(), later)), SipClock.class);
    Response stale =
        client.send(client.authorize(first, challenge, "alice", PASSWORD, "SHA-256", 1, 2), "udp");
    assertThat(stale.getStatusCode()).isEqualTo(401);
    assertThat(challenges(stale)).allMatch(WWWAuthenticateHeader::isStale);
    Response ok =
        client.send(client.authorize(first, stale, "alice", PASSWORD, "SHA-256", 1, 3), "udp");
    assertThat(ok.getStatusCode()).isEqualTo(200);
  }

  @Test
  void refusesCredentialsOfAnotherUser() throws Exception {
    Request forBob = register("bob");
    Response challenge = client.send(forBob, "udp");
    Response refused =
        client.send(client.authorize(forBob, challenge, "alice", PASSWORD, "MD5", 1, 2), "udp");
    assertThat(refused.getStatusCode()).isEqualTo(403);
  }

  @Test
  void aTenantMaySwitchRegisterAuthenticationOff() throws Exception {
    tenants.update(slug, null, null, false);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(client.send(register("trunk"), "udp").getStatusCode()).isEqualTo(200));
    tenants.update(slug, null, null, true);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(client.send(register("trunk"), "udp").getStatusCode()).isEqualTo(401));
  }

  @Test
  void refusesASourceAfterTooManyFailures() throws Exception {
    Response last = null;
    for (int i = 0; i < 12; i++) {
      Request first = register("alice");
      Response challenge = client.send(first, "udp");
      if (challenge.getStatusCode() == 403) {
        last = challenge;
        break;
      }
      last =
          client.send(
              client.authorize(first, challenge, "alice", "guess-" + i + "-xx", "MD5", 1, 2),
              "udp");
    }
    assertThat(last.getStatusCode()).isEqualTo(403);
    assertThat(last.getReasonPhrase()).contains("Too Many");
    // The window is 2 s in tests: wait it out so that other tests from this address pass.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(client.send(register("alice"), "udp").getStatusCode()).isEqualTo(401));
  }
}
