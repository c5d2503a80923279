package io.voxhost.cti;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Past one node: with Kafka set up, events are acknowledged once Kafka has them, and the consumer
 * writes them to PostgreSQL once each, however often they were sent.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(value = KafkaBroker.class, restrictToAnnotatedClass = true)
class KafkaIngestTest {

  @jakarta.inject.Inject CtiConfig config;

  /** The node reached the broker over SASL; a wrong password is refused there. */
  @Test
  void theBrokersSaslListenerRefusesAWrongPassword() {
    java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", config.kafkaBootstrapServers().orElseThrow());
    p.put("security.protocol", "SASL_PLAINTEXT");
    p.put("sasl.mechanism", "PLAIN");
    p.put("sasl.jaas.config", KafkaBroker.jaas(KafkaBroker.USER, "wrong"));
    p.put("request.timeout.ms", 10_000);
    p.put("default.api.timeout.ms", 10_000);
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(p)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> admin.listTopics().names().get(20, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseInstanceOf(org.apache.kafka.common.errors.SaslAuthenticationException.class);
    }
    assertThat(config.kafkaClient()).containsEntry("security.protocol", "SASL_PLAINTEXT");
  }

  private static Map<String, Object> event(String id, Instant at, String type, String call) {
    Map<String, Object> e = new HashMap<>();
    e.put("source", "switch");
    e.put("instance", "sw1");
    e.put("id", id);
    e.put("at", at.toString());
    e.put("type", type);
    e.put("call", call);
    e.put("channel", call);
    e.put("number", "+14155550100");
    return e;
  }

  @Test
  void eventsThroughKafkaBecomeOneCallRecordHoweverOftenSent() {
    TenantKey t = ApiClient.newTenant("kafka");
    Instant at = Instant.parse("2024-12-08T09:00:00Z");
    List<Map<String, Object>> events =
        List.of(
            event("k1", at, "channel-start", "kc1"),
            event("k2", at.plusSeconds(2), "answer", "kc1"),
            event("k3", at.plusSeconds(62), "call-end", "kc1"));
    for (int twice = 0; twice < 2; twice++) {
      as(t.key())
          .body(events)
          .post("/api/v1/cti/events")
          .then()
          .statusCode(200)
          .body("accepted", org.hamcrest.Matchers.equalTo(3));
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(CallApiTest.calls(t, "?state=complete").getList("items.events"))
                    .containsExactly(3));
    assertThat(CallApiTest.calls(t, "").getMap("items[0]"))
        .containsEntry("outcome", "answered")
        .containsEntry("talkMs", 60_000);
  }
}
