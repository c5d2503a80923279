package io.voxhost.platform.api;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.service.ApiKeyService;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A key revoked on another node is refused here as soon as that node's announcement arrives, not a
 * TTL later: the TTL is ten minutes here, so nothing else could explain the refusal. Another node
 * is played by writing and notifying behind this node's back, as that node would.
 */
@QuarkusTest
@TestProfile(RevocationAcrossNodesTest.LongKeyCache.class)
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class RevocationAcrossNodesTest {

  private static final Duration DELIVERY = Duration.ofSeconds(20);

  /** Only the change feed can make this node forget a key within the test. */
  public static class LongKeyCache implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("voxhost.auth.key-cache-ttl", "10m");
    }
  }

  @Inject DataSource dataSource;

  @Test
  void refusesAKeyAnotherNodeRevokedOnceItsAnnouncementArrives() throws SQLException {
    TenantKey tenant = ApiClient.newTenant("announced");
    String prefix = tenant.key().substring(0, 11);
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200);

    execute("update platform.api_key set revoked_at = now() where prefix = ?", prefix);
    // Revoked without an announcement: this node still trusts its memory.
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200);

    String otherNode = UUID.randomUUID().toString();
    execute("select pg_notify('" + ApiKeyService.REVOCATIONS + "', ?)", otherNode + "\n" + prefix);
    await()
        .atMost(DELIVERY)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> as(tenant.key()).get("/api/v1/tenant").then().statusCode(401));
  }

  @Test
  void refusesAKeyRevokedOnThisNodeAtOnce() {
    TenantKey tenant = ApiClient.newTenant("local-revoke");
    String second =
        as(tenant.key())
            .body(Map.of("label", "second"))
            .post("/api/v1/keys")
            .then()
            .statusCode(201)
            .extract()
            .path("key");
    as(second).get("/api/v1/tenant").then().statusCode(200);
    as(tenant.key()).delete("/api/v1/keys/" + second.substring(0, 11)).then().statusCode(200);
    as(second).get("/api/v1/tenant").then().statusCode(401);
  }

  private void execute(String sql, String value) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, value);
      s.execute();
    }
  }
}
