package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import io.voxhost.sip.service.PeerService;
import io.voxhost.sip.service.SubscriberService;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import javax.sip.header.ContactHeader;
import javax.sip.header.DateHeader;
import javax.sip.header.MinExpiresHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registrar and redirect server driven by a real SIP stack, over UDP and over TCP. */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class SipRedirectTest {

  @Inject TenantService tenants;
  @Inject SubscriberService subscribers;
  @Inject SipEndpoint endpoint;
  @Inject PeerService peers;

  private SipTestClient client;
  private String domain;

  @BeforeEach
  void setUp() throws Exception {
    client = new SipTestClient("127.0.0.1", SipPortResource.port());
    String slug = TestData.name("t");
    domain = slug + ".sip.test";
    // The registrar rules are tested without digest auth; SipAuthTest covers it.
    UUID tenant = tenants.create(slug, "SIP test", domain).id();
    tenants.update(slug, null, null, false);
    subscribers.create(tenant, "dave", "dave-secret-1", "Dave");
    // The test client is the tenant's trusted peer: it gets the real answers (302, 404, 480).
    peers.add(tenant, IpNetwork.parse("127.0.0.1"), "test client");
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private static List<String> values(Response response, String header) {
    List<String> list = new ArrayList<>();
    for (Iterator<?> it = response.getHeaders(header); it.hasNext(); ) {
      String line = it.next().toString();
      for (String value : line.substring(line.indexOf(':') + 1).split(",")) {
        list.add(value.strip());
      }
    }
    return list;
  }

  private static List<ContactHeader> contacts(Response response) {
    List<ContactHeader> list = new ArrayList<>();
    for (Iterator<?> it = response.getHeaders(ContactHeader.NAME); it.hasNext(); ) {
      list.add((ContactHeader) it.next());
    }
    return list;
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void registersAndListsBindingsWithExpiresAndDate(String transport) throws Exception {
    Response ok =
        client.send(
            client
                .request(Request.REGISTER, "alice", domain)
                .transport(transport)
                .expires(600)
                .contact("sip:alice@192.0.2.10:5062", null, null)
                .contact("sip:alice@192.0.2.11:5062", 120, null)
                .build(),
            transport);
    assertThat(ok.getStatusCode()).isEqualTo(200);
    assertThat(ok.getHeader(DateHeader.NAME)).isNotNull();
    assertThat(((ToHeader) ok.getHeader(ToHeader.NAME)).getTag()).isNotBlank();
    assertThat(contacts(ok))
        .extracting(ContactHeader::getExpires)
        .containsExactlyInAnyOrder(600, 120);
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void redirectsToContactsInQOrder(String transport) throws Exception {
    client.send(
        client
            .request(Request.REGISTER, "bob", domain)
            .transport(transport)
            .expires(3600)
            .contact("sip:bob@192.0.2.20", null, 0.2f)
            .contact("sip:bob@192.0.2.21", null, 0.9f)
            .contact("sip:bob@192.0.2.22", null, 0.5f)
            .build(),
        transport);
    Request invite = client.request(Request.INVITE, "bob", domain).transport(transport).build();
    Response moved = client.send(invite, transport);
    assertThat(moved.getStatusCode()).isEqualTo(302);
    assertThat(contacts(moved))
        .extracting(c -> c.getAddress().getURI().toString())
        .containsExactly("sip:bob@192.0.2.21", "sip:bob@192.0.2.22", "sip:bob@192.0.2.20");
    assertThat(contacts(moved))
        .extracting(ContactHeader::getQValue)
        .containsExactly(0.9f, 0.5f, 0.2f);
    assertThat(contacts(moved)).allSatisfy(c -> assertThat(c.getExpires()).isBetween(3590, 3600));
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void answersTooBriefWith423AndMinExpires(String transport) throws Exception {
    Response brief =
        client.send(
            client
                .request(Request.REGISTER, "carol", domain)
                .transport(transport)
                .expires(10)
                .contact("sip:carol@192.0.2.30", null, null)
                .build(),
            transport);
    assertThat(brief.getStatusCode()).isEqualTo(423);
    assertThat(((MinExpiresHeader) brief.getHeader(MinExpiresHeader.NAME)).getExpires())
        .isEqualTo(60);
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void wildcardUnregistersAndThenTheUserIsUnavailable(String transport) throws Exception {
    String callId = UUID.randomUUID() + "@test";
    client.send(
        client
            .request(Request.REGISTER, "dave", domain)
            .transport(transport)
            .callId(callId)
            .cseq(1)
            .contact("sip:dave@192.0.2.40", 3600, null)
            .build(),
        transport);
    Response removed =
        client.send(
            client
                .request(Request.REGISTER, "dave", domain)
                .transport(transport)
                .callId(callId)
                .cseq(2)
                .wildcard()
                .expires(0)
                .build(),
            transport);
    assertThat(removed.getStatusCode()).isEqualTo(200);
    assertThat(contacts(removed)).isEmpty();
    Response unavailable =
        client.send(
            client.request(Request.INVITE, "dave", domain).transport(transport).build(), transport);
    assertThat(unavailable.getStatusCode()).isEqualTo(480);
    Response unknown =
        client.send(
            client.request(Request.INVITE, "nobody", domain).transport(transport).build(),
            transport);
    assertThat(unknown.getStatusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void refusesAnOutOfOrderCSeqWith500(String transport) throws Exception {
    String callId = UUID.randomUUID() + "@test";
    client.send(
        client
            .request(Request.REGISTER, "erin", domain)
            .transport(transport)
            .callId(callId)
            .cseq(7)
            .contact("sip:erin@192.0.2.50", 3600, null)
            .build(),
        transport);
    Response stale =
        client.send(
            client
                .request(Request.REGISTER, "erin", domain)
                .transport(transport)
                .callId(callId)
                .cseq(6)
                .contact("sip:erin@192.0.2.50", 60, null)
                .build(),
            transport);
    assertThat(stale.getStatusCode()).isEqualTo(500);
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void answersMaxForwardsZeroWith483(String transport) throws Exception {
    Response hops =
        client.send(
            client
                .request(Request.INVITE, "frank", domain)
                .transport(transport)
                .maxForwards(0)
                .build(),
            transport);
    assertThat(hops.getStatusCode()).isEqualTo(483);
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void answersOptionsWithAllowAcceptSupported(String transport) throws Exception {
    Response options =
        client.send(
            client.request(Request.OPTIONS, "any", domain).transport(transport).build(), transport);
    assertThat(options.getStatusCode()).isEqualTo(200);
    assertThat(values(options, "Allow")).contains("INVITE", "REGISTER", "CANCEL");
    assertThat(options.getHeader("Accept")).isNotNull();
    assertThat(options.getHeader("Supported")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void answersOtherMethodsWith405AndAllow(String transport) throws Exception {
    Response refused =
        client.send(
            client.request(Request.INFO, "any", domain).transport(transport).build(), transport);
    assertThat(refused.getStatusCode()).isEqualTo(405);
    assertThat(values(refused, "Allow")).contains("INVITE").doesNotContain("INFO");
  }

  @ParameterizedTest
  @ValueSource(strings = {"udp", "tcp"})
  void keepsTenantDomainsApart(String transport) throws Exception {
    String otherSlug = TestData.name("o");
    String otherDomain = otherSlug + ".sip.test";
    UUID other = tenants.create(otherSlug, "Other", otherDomain).id();
    tenants.update(otherSlug, null, null, false);
    peers.add(other, IpNetwork.parse("127.0.0.1"), "test client");
    client.send(
        client
            .request(Request.REGISTER, "gina", domain)
            .transport(transport)
            .contact("sip:gina@192.0.2.60", 3600, null)
            .build(),
        transport);
    Response elsewhere =
        client.send(
            client.request(Request.INVITE, "gina", otherDomain).transport(transport).build(),
            transport);
    assertThat(elsewhere.getStatusCode()).isEqualTo(404);
    subscribers.create(other, "gina", "gina-secret-1", null);
    Response known =
        client.send(
            client.request(Request.INVITE, "gina", otherDomain).transport(transport).build(),
            transport);
    assertThat(known.getStatusCode()).isEqualTo(480);
    Response unknownDomain =
        client.send(
            client.request(Request.INVITE, "gina", "nobody.invalid").transport(transport).build(),
            transport);
    assertThat(unknownDomain.getStatusCode()).isEqualTo(404);
    Response foreignRegister =
        client.send(
            client
                .request(Request.REGISTER, "gina", "nobody.invalid")
                .transport(transport)
                .contact("sip:gina@192.0.2.61", 3600, null)
                .build(),
            transport);
    assertThat(foreignRegister.getStatusCode()).isEqualTo(403);
  }

  @Test
  void aDrainStopsReadingUdpAndAnswersNewTcpRegistersWithRetryAfter() throws Exception {
    try {
      Drained drained = endpoint.drain(Instant.now().plusSeconds(10));
      assertThat(drained.complete()).as(drained.detail()).isTrue();

      Request overUdp =
          client
              .request(Request.REGISTER, "dave", domain)
              .transport("udp")
              .contact("sip:dave@192.0.2.40", 600, null)
              .build();
      client.sendStateless(overUdp);
      assertThat(client.silentFor(overUdp, 500)).isTrue();

      Response overTcp =
          client.send(
              client
                  .request(Request.REGISTER, "dave", domain)
                  .transport("tcp")
                  .contact("sip:dave@192.0.2.41;transport=tcp", 600, null)
                  .build(),
              "tcp");
      assertThat(overTcp.getStatusCode()).isEqualTo(Response.SERVICE_UNAVAILABLE);
      assertThat(overTcp.getHeader(RetryAfterHeader.NAME)).isNotNull();
    } finally {
      endpoint.stop();
      endpoint.start();
    }
  }
}
