package io.voxhost.tftp.api;

import static io.restassured.RestAssured.given;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.outbox.Outbox;
import io.voxhost.platform.outbox.OutboxEvent;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.tftp.service.FetchLog;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the provisioning role tells the cti role: a tenant's phone fetched its file, and how. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ProvisioningOutboxTest {

  @Inject Outbox outbox;
  @Inject FetchLog fetches;

  private final List<OutboxEvent> seen = new CopyOnWriteArrayList<>();

  private List<OutboxEvent> taken(UUID tenant) {
    outbox.take("tftp-test", 1000, (c, events) -> events.forEach(e -> seen.add(e.event())));
    return seen.stream().filter(e -> e.tenant().equals(tenant)).toList();
  }

  @Test
  void aPhonesFetchIsTold() throws Exception {
    taken(UUID.randomUUID());
    Thread.sleep(1100); // the node sees the consumer within a second
    TenantKey t = ApiClient.newTenant("fetch-outbox");
    UUID tenant = ApiClient.tenantId(t);
    String mac = DeviceApiTest.randomMac();
    as(t.key())
        .body(
            Map.of(
                "mac", mac,
                "vendor", "polycom",
                "model", "VVX450",
                "httpUser", "phone",
                "httpPassword", "fetch-password-1",
                "lines", List.of(Map.of("user", "2001", "password", "sip-secret-2001"))))
        .post(DeviceApiTest.BASE)
        .then()
        .statusCode(201);
    given()
        .auth()
        .preemptive()
        .basic("phone", "fetch-password-1")
        .get("/provision/" + mac + "-phone.cfg")
        .then()
        .statusCode(200);
    fetches.flush();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(taken(tenant)).isNotEmpty());
    OutboxEvent fetch = taken(tenant).get(0);
    assertThat(fetch.topic()).isEqualTo("provisioning.fetch");
    assertThat(fetch.body())
        .contains("\"protocol\": \"http\"")
        .contains("\"result\": \"completed\"")
        .contains(mac + "-phone.cfg");
  }
}
