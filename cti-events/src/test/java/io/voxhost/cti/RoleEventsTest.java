package io.voxhost.cti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.database.Jdbc;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.outbox.OutboxEvent;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Our own roles' events, from the platform's outbox: a redirected INVITE is a call, its recording's
 * id is on its record, and a registration or a provisioning fetch is stored but makes no call.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RoleEventsTest {

  @Inject Outbox outbox;
  @Inject Jdbc jdbc;

  private void publish(List<OutboxEvent> events) {
    jdbc.transaction(
        c -> {
          outbox.publish(c, events);
          return null;
        });
  }

  @Test
  void aRedirectedInviteAndItsRecordingAreOneCallRecord() {
    TenantKey t = ApiClient.newTenant("role-events");
    UUID tenant = ApiClient.tenantId(t);
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(30);
    String recording = UUID.randomUUID().toString();
    List<OutboxEvent> events =
        List.of(
            new OutboxEvent(
                tenant,
                "sip.redirect",
                at,
                "a84b4c76e66710@pc33.example.com",
                "{\"from\":\"+14155550100\",\"to\":\"200\",\"status\":302,"
                    + "\"contact\":\"<sip:200@192.0.2.40:5060>\"}"),
            new OutboxEvent(
                tenant,
                "recording.lifecycle",
                at.plusSeconds(1),
                recording,
                "{\"recording\":\""
                    + recording
                    + "\",\"callId\":\"a84b4c76e66710@pc33.example.com\","
                    + "\"status\":\"in-progress\"}"),
            new OutboxEvent(
                tenant,
                "sip.registration",
                at,
                "alice@role-events.example",
                "{\"aor\":\"alice@role-events.example\",\"change\":\"registered\"}"),
            new OutboxEvent(
                tenant,
                "provisioning.fetch",
                at,
                "001565aabbcc",
                "{\"file\":\"cfg001565aabbcc.xml\",\"protocol\":\"tftp\",\"result\":\"completed\"}"));
    // Written once the cti role is seen to follow (it says so as it takes); sent again meanwhile,
    // each time the same events, so stored once.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              publish(events);
              assertThat(CallApiTest.calls(t, "").getList("items")).hasSize(1);
            });
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(CallApiTest.calls(t, "").getMap("items[0]"))
                    .containsEntry("recording", recording)
                    .containsEntry("outcome", "transferred")
                    .containsEntry("state", "complete")
                    .containsEntry("callerNumber", "+14155550100")
                    .containsEntry("callee", "200"));
    Map<String, Object> stored =
        jdbc.one(
                "SELECT count(*) FILTER (WHERE type = 'registration'),"
                    + " count(*) FILTER (WHERE type = 'provisioning-fetch')"
                    + " FROM cti.event WHERE tenant_id = ? AND source = 'voxhost'",
                rs -> Map.<String, Object>of("registration", rs.getLong(1), "fetch", rs.getLong(2)),
                tenant)
            .orElseThrow();
    assertThat(stored).containsEntry("registration", 1L).containsEntry("fetch", 1L);
  }
}
