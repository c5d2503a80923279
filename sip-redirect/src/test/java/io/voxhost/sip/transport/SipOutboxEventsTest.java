package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.outbox.OutboxEvent;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.sip.service.PeerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * What the SIP role tells the cti role through the platform's outbox: how each INVITE was answered,
 * and registrations made and ended (a refresh is no change).
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SipOutboxEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject TenantService tenants;
  @Inject PeerService peers;
  @Inject Outbox outbox;
  @Inject io.voxhost.sip.service.LocationStore location;

  private final List<OutboxEvent> seen = new CopyOnWriteArrayList<>();

  private List<OutboxEvent> taken(UUID tenant) {
    outbox.take("sip-test", 1000, (c, events) -> events.forEach(e -> seen.add(e.event())));
    return seen.stream().filter(e -> e.tenant().equals(tenant)).toList();
  }

  private static JsonNode body(OutboxEvent e) {
    try {
      return JSON.readTree(e.body());
    } catch (java.io.IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }

  @Test
  void invitesAnsweredAndRegistrationsChangedAreTold() throws Exception {
    // A consumer says it follows; the SIP role writes events from then on.
    taken(UUID.randomUUID());
    Thread.sleep(1100);
    String slug = TestData.name("t");
    String domain = slug + ".sip.test";
    UUID tenant = tenants.create(slug, "Outbox test", domain).id();
    tenants.update(slug, null, null, false);
    peers.add(tenant, IpNetwork.parse("127.0.0.1"), "test client");
    try (SipTestClient client = new SipTestClient("127.0.0.1", SipPortResource.port())) {
      for (int i = 0; i < 2; i++) { // the second is a refresh
        assertThat(
                client
                    .send(
                        client
                            .request(Request.REGISTER, "carol", domain)
                            .expires(600)
                            .contact("sip:carol@192.0.2.30:5062", null, null)
                            .build(),
                        "udp")
                    .getStatusCode())
            .isEqualTo(200);
      }
      Request toCarol = client.request(Request.INVITE, "carol", domain).build();
      assertThat(client.send(toCarol, "udp").getStatusCode()).isEqualTo(302);
      Request toNobody = client.request(Request.INVITE, "nobody", domain).build();
      int refused = client.send(toNobody, "udp").getStatusCode();
      client.send(
          client
              .request(Request.REGISTER, "carol", domain)
              .expires(0)
              .contact("sip:carol@192.0.2.30:5062", null, null)
              .build(),
          "udp");

      String carolCall = ((CallIdHeader) toCarol.getHeader(CallIdHeader.NAME)).getCallId();
      String nobodyCall = ((CallIdHeader) toNobody.getHeader(CallIdHeader.NAME)).getCallId();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(taken(tenant))
                      .extracting(OutboxEvent::subject)
                      .contains(carolCall, nobodyCall, "carol@" + domain));
      List<OutboxEvent> events = taken(tenant);
      OutboxEvent redirect =
          events.stream().filter(e -> e.subject().equals(carolCall)).findFirst().orElseThrow();
      assertThat(redirect.topic()).isEqualTo("sip.redirect");
      assertThat(body(redirect).path("status").asInt()).isEqualTo(302);
      assertThat(body(redirect).path("to").asText()).isEqualTo("carol");
      assertThat(body(redirect).path("contact").asText()).contains("192.0.2.30");
      OutboxEvent missed =
          events.stream().filter(e -> e.subject().equals(nobodyCall)).findFirst().orElseThrow();
      assertThat(body(missed).path("status").asInt()).isEqualTo(refused);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(
                          taken(tenant).stream()
                              .filter(e -> e.topic().equals("sip.registration"))
                              .map(e -> body(e).path("change").asText())
                              .toList())
                      .containsExactly("registered", "unregistered"));
    }
  }

  /** A binding that expires unrefreshed is told once, at its expiry, when its row goes. */
  @Test
  void aBindingThatExpiresIsToldOnce() throws Exception {
    taken(UUID.randomUUID());
    Thread.sleep(1100);
    String slug = TestData.name("t");
    String domain = slug + ".sip.test";
    UUID tenant = tenants.create(slug, "Expiry test", domain).id();
    tenants.update(slug, null, null, false);
    peers.add(tenant, IpNetwork.parse("127.0.0.1"), "test client");
    try (SipTestClient client = new SipTestClient("127.0.0.1", SipPortResource.port())) {
      assertThat(
              client
                  .send(
                      client
                          .request(Request.REGISTER, "dave", domain)
                          .expires(600)
                          .contact("sip:dave@192.0.2.31:5062", null, null)
                          .build(),
                      "udp")
                  .getStatusCode())
          .isEqualTo(200);
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                taken(tenant).stream()
                    .anyMatch(e -> body(e).path("change").asText().equals("registered")));
    // Two hours on, the binding has long expired: the sweep deletes its row and tells it.
    java.time.Instant later = java.time.Instant.now().plus(Duration.ofHours(2));
    location.sweep(later);
    location.sweep(later.plusSeconds(61)); // nothing left to tell
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        taken(tenant).stream()
                            .filter(e -> e.topic().equals("sip.registration"))
                            .map(e -> body(e).path("change").asText())
                            .toList())
                    .containsExactly("registered", "expired"));
    OutboxEvent expired =
        taken(tenant).stream()
            .filter(e -> body(e).path("change").asText().equals("expired"))
            .findFirst()
            .orElseThrow();
    assertThat(expired.subject()).isEqualTo("dave@" + domain);
    assertThat(expired.at()).isBefore(later);
    assertThat(body(expired).path("contact").asText()).contains("192.0.2.31");
  }
}
