package io.voxhost.cti.transport;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.netty.channel.EventLoopGroup;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.cti.CtiConfig;
import io.voxhost.cti.service.EventStreams;
import io.voxhost.cti.service.SwitchLinks;
import io.voxhost.cti.service.SwitchSettings;
import io.voxhost.platform.concurrent.RoleEventLoops;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node signing in to a PBX's manager interface or event socket (a scripted one on loopback,
 * speaking as their documents say), reading its events into call records, and coming back after
 * drops, refusals and garbage.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SwitchConnectionsTest {

  private static final String AMI_BANNER = "Asterisk Call Manager/9.0.0\r\n";
  private static final String AMI_OK =
      "Response: Success\r\nActionID: voxhost-login\r\nMessage: Authentication accepted\r\n\r\n";

  @Inject EventStreams streams;
  @Inject RoleEventLoops loops;
  @Inject CtiConfig config;
  @Inject AgroalDataSource database;

  private final List<AutoCloseable> closing = new ArrayList<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private EventLoopGroup group;

  @BeforeEach
  void loops() {
    group = loops.group("ctiswitchtest", 1);
  }

  @AfterEach
  void close() throws Exception {
    done.countDown();
    for (AutoCloseable c : closing) {
      c.close();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private ScriptedPbx pbx() throws Exception {
    ScriptedPbx p = new ScriptedPbx();
    closing.add(p);
    return p;
  }

  /** Links to {@code pbx} for the tenant, started; their state in what is returned. */
  private SwitchLinks connect(
      String kind, ScriptedPbx pbx, UUID tenant, Optional<String> user, Duration maxBackoff) {
    SwitchSettings s =
        new SwitchSettings(
            tenant.toString(),
            kind,
            "127.0.0.1:" + pbx.port(),
            user,
            Optional.of("s3cret"),
            Optional.empty(),
            Optional.of("pbx1"),
            "call,agent",
            Duration.ofSeconds(2),
            Duration.ofMillis(300),
            maxBackoff);
    SwitchLinks links = new SwitchLinks(Map.of("pbx1", s));
    SwitchConnections connections = new SwitchConnections(links, streams, loops, config);
    connections.start(group);
    closing.add(0, connections::stop);
    return links;
  }

  private static SwitchLinks.Status status(SwitchLinks links, UUID tenant) {
    return links.of(tenant).get(0);
  }

  /** The AMI corpus's events, without its banner and login answer (the script sends its own). */
  private static String amiEvents() throws Exception {
    String text = corpus("ami/basic-call.ami");
    return text.substring(text.indexOf("Event: Newchannel"));
  }

  private static String corpus(String name) throws java.io.IOException {
    try (java.io.InputStream in =
        SwitchConnectionsTest.class.getResourceAsStream("/corpus/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void awaitAnsweredCall(TenantKey t, String key) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(
                        as(t.key())
                            .queryParam("key", key)
                            .get("/api/v1/cti/calls")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("items.outcome"))
                    .containsExactly("answered"));
  }

  @Test
  void amiSignsInWithTheLinksUserAndItsEventsBecomeTheCallRecord() throws Exception {
    TenantKey t = ApiClient.newTenant("ami-link");
    UUID tenant = ApiClient.tenantId(t);
    AtomicReference<String> login = new AtomicReference<>();
    ScriptedPbx pbx = pbx();
    String events = amiEvents();
    pbx.then(
        c -> {
          c.send(AMI_BANNER);
          login.set(c.block());
          c.send(AMI_OK);
          c.send(events);
          done.await(30, TimeUnit.SECONDS);
        });
    SwitchLinks links = connect("ami", pbx, tenant, Optional.of("voxhost"), Duration.ofSeconds(5));
    awaitAnsweredCall(t, "1733482000.1");
    assertThat(login.get())
        .contains("Action: Login\r\n")
        .contains("Username: voxhost\r\n")
        .contains("Secret: s3cret\r\n")
        .contains("Events: call,agent\r\n")
        .endsWith("\r\n\r\n");
    SwitchLinks.Status s = status(links, tenant);
    assertThat(s.state()).isEqualTo(SwitchLinks.State.SIGNED_IN);
    assertThat(s.signIns()).isEqualTo(1);
    assertThat(s.linesRead()).isPositive();
  }

  @Test
  void aDroppedAmiConnectionIsOpenedAgainAndTheCallCompletesAcrossIt() throws Exception {
    TenantKey t = ApiClient.newTenant("ami-drop");
    UUID tenant = ApiClient.tenantId(t);
    String events = amiEvents();
    int half = events.indexOf("\r\n\r\n", events.length() / 2) + 4;
    // An event without Timestamp (timestampevents = no) takes the time the node read it.
    String untimed =
        "Event: Newchannel\r\nChannel: PJSIP/300-00000009\r\nCallerIDNum: 300\r\n"
            + "Exten: 400\r\nUniqueid: 1900000000.9\r\nLinkedid: 1900000000.9\r\n\r\n";
    java.time.Instant before = java.time.Instant.now().minusSeconds(5);
    ScriptedPbx pbx = pbx();
    pbx.then(
            c -> {
              c.send(AMI_BANNER);
              c.block();
              c.send(AMI_OK);
              c.send(events.substring(0, half));
              Thread.sleep(500);
            })
        .then(
            c -> {
              c.send(AMI_BANNER);
              c.block();
              c.send(AMI_OK);
              c.send(events.substring(half) + untimed);
              done.await(30, TimeUnit.SECONDS);
            });
    SwitchLinks links = connect("ami", pbx, tenant, Optional.of("voxhost"), Duration.ofSeconds(5));
    awaitAnsweredCall(t, "1733482000.1");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        as(t.key())
                            .queryParam("key", "1900000000.9")
                            .get("/api/v1/cti/calls")
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("items.started", String.class))
                    .singleElement()
                    .satisfies(
                        start -> assertThat(java.time.Instant.parse(start)).isAfter(before)));
    assertThat(pbx.accepted()).isEqualTo(2);
    assertThat(status(links, tenant).signIns()).isEqualTo(2);
  }

  @Test
  void aRefusedSecretIsShownAndNotTriedAgainAtOnce() throws Exception {
    UUID tenant = ApiClient.tenantId(ApiClient.newTenant("ami-refused"));
    ScriptedPbx pbx = pbx();
    pbx.then(
        c -> {
          c.send(AMI_BANNER);
          c.block();
          c.send(
              "Response: Error\r\nActionID: voxhost-login\r\nMessage: Authentication failed\r\n\r\n");
          c.closedWithin(5000);
        });
    SwitchLinks links = connect("ami", pbx, tenant, Optional.of("voxhost"), Duration.ofMinutes(1));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(status(links, tenant).state()).isEqualTo(SwitchLinks.State.REFUSED));
    assertThat(status(links, tenant).problem()).contains("Authentication failed");
    Thread.sleep(2000);
    assertThat(pbx.accepted()).isEqualTo(1);
  }

  @Test
  void somethingThatIsNoManagerInterfaceOrSaysNothingIsLeftAndTriedAgain() throws Exception {
    UUID tenant = ApiClient.tenantId(ApiClient.newTenant("ami-garbage"));
    ScriptedPbx pbx = pbx();
    pbx.then(c -> c.send("HTTP/1.1 400 Bad Request\r\n\r\n"))
        .then(c -> c.closedWithin(10_000))
        .then(c -> c.closedWithin(10_000));
    SwitchLinks links = connect("ami", pbx, tenant, Optional.of("voxhost"), Duration.ofSeconds(1));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(status(links, tenant).problem())
                    .hasValueSatisfying(p -> assertThat(p).contains("not signed in within")));
    assertThat(pbx.accepted()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void eslSignsInAsksForJsonEventsAndTheyBecomeTheCallRecord() throws Exception {
    TenantKey t = ApiClient.newTenant("esl-link");
    UUID tenant = ApiClient.tenantId(t);
    AtomicReference<String> auth = new AtomicReference<>();
    AtomicReference<String> subscribe = new AtomicReference<>();
    ScriptedPbx pbx = pbx();
    List<String> events = corpus("freeswitch/basic-call.jsonl").lines().toList();
    pbx.then(
        c -> {
          c.send("Content-Type: auth/request\n\n");
          auth.set(c.block());
          c.send("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
          subscribe.set(c.block());
          c.send("Content-Type: command/reply\nReply-Text: +OK event listener enabled json\n\n");
          for (String e : events) {
            byte[] body = e.getBytes(StandardCharsets.UTF_8);
            c.send("Content-Length: " + body.length + "\nContent-Type: text/event-json\n\n" + e);
          }
          done.await(30, TimeUnit.SECONDS);
        });
    SwitchLinks links = connect("esl", pbx, tenant, Optional.empty(), Duration.ofSeconds(5));
    awaitAnsweredCall(t, "a1b2c3d4-0000-4000-8000-000000000001");
    assertThat(auth.get()).isEqualTo("auth s3cret\n\n");
    assertThat(subscribe.get()).startsWith("event json CHANNEL_CREATE ").endsWith("\n\n");
    assertThat(status(links, tenant).state()).isEqualTo(SwitchLinks.State.SIGNED_IN);
  }

  @Test
  void anEslPasswordRefusedAndAHugeBodyAreEachHandled() throws Exception {
    UUID tenant = ApiClient.tenantId(ApiClient.newTenant("esl-hostile"));
    ScriptedPbx pbx = pbx();
    pbx.then(
            c -> {
              c.send("Content-Type: auth/request\n\n");
              c.block();
              c.send("Content-Type: command/reply\nReply-Text: +OK accepted\n\n");
              c.block();
              c.send(
                  "Content-Type: command/reply\nReply-Text: +OK event listener enabled json\n\n");
              c.send("Content-Length: 999999999\nContent-Type: text/event-json\n\n{");
              c.closedWithin(5000);
            })
        .then(
            c -> {
              c.send("Content-Type: auth/request\n\n");
              c.block();
              c.send("Content-Type: command/reply\nReply-Text: -ERR invalid\n\n");
              c.closedWithin(5000);
            });
    SwitchLinks links =
        connect("esl", pbx, tenant, Optional.of("1000@default"), Duration.ofMinutes(1));
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> assertThat(status(links, tenant).state()).isEqualTo(SwitchLinks.State.REFUSED));
    SwitchLinks.Status s = status(links, tenant);
    assertThat(s.problem()).contains("-ERR invalid");
    assertThat(s.signIns()).isEqualTo(1);
  }

  @Test
  void aQuietAmiIsAskedAndLeftWhenItStopsAnswering() throws Exception {
    UUID tenant = ApiClient.tenantId(ApiClient.newTenant("ami-quiet"));
    java.util.concurrent.atomic.AtomicInteger pings =
        new java.util.concurrent.atomic.AtomicInteger();
    AtomicReference<Boolean> closed = new AtomicReference<>();
    ScriptedPbx pbx = pbx();
    pbx.then(
        c -> {
          c.send(AMI_BANNER);
          c.block();
          c.send(AMI_OK);
          long until = System.nanoTime() + 2_000_000_000L;
          while (System.nanoTime() < until) {
            String asked = c.block();
            if (asked.contains("Action: Ping")) {
              pings.incrementAndGet();
              c.send("Response: Success\r\nActionID: voxhost-keep-alive\r\nPing: Pong\r\n\r\n");
            }
          }
          closed.set(c.closedWithin(5000));
        });
    SwitchLinks links = connect("ami", pbx, tenant, Optional.of("voxhost"), Duration.ofMinutes(1));
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(closed.get()).isTrue());
    assertThat(pings.get()).isGreaterThanOrEqualTo(3);
    assertThat(status(links, tenant).problem())
        .hasValueSatisfying(p -> assertThat(p).startsWith("nothing read for"));
  }

  @Test
  void aTenantSeesItsConfiguredLinksWithoutTheirSecret() throws Exception {
    UUID office = UUID.fromString("00000000-0000-4000-8000-00000000c711");
    try (java.sql.Connection c = database.getConnection();
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "insert into platform.tenant (id, slug, name, sip_domain)"
                    + " values (?, 'office-pbx', 'Office', 'office-pbx.example.net')"
                    + " on conflict do nothing")) {
      s.setObject(1, office);
      s.executeUpdate();
    }
    String key =
        as(ApiClient.adminKey())
            .body(Map.of("label", "switches"))
            .post("/api/v1/admin/tenants/office-pbx/keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                as(key)
                    .get("/api/v1/cti/switches")
                    .then()
                    .statusCode(200)
                    .body("name", org.hamcrest.Matchers.contains("office"))
                    .body("[0].kind", org.hamcrest.Matchers.equalTo("ami"))
                    .body("[0].address", org.hamcrest.Matchers.equalTo("127.0.0.1:9"))
                    .body("[0].state", org.hamcrest.Matchers.equalTo("down"))
                    .body("[0].problem", org.hamcrest.Matchers.startsWith("cannot connect")));
    assertThat(as(key).get("/api/v1/cti/switches").asString()).doesNotContain("not-to-be-shown");
    TenantKey other = ApiClient.newTenant("no-switches");
    as(other.key())
        .get("/api/v1/cti/switches")
        .then()
        .statusCode(200)
        .body("size()", org.hamcrest.Matchers.equalTo(0));
  }
}
