package io.voxhost.platform.api;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Changes another node makes reach this node's memory within the TTLs (5 s by default). Another
 * node is played by writing to the database behind this node's back.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class ChangesElsewhereTest {

  private static final Duration WITHIN_TTL = Duration.ofSeconds(15);

  @Inject DataSource dataSource;

  @Test
  void refusesAKeyRevokedElsewhereWithinTheTtl() throws SQLException {
    TenantKey tenant = ApiClient.newTenant("elsewhere");
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200);
    update(
        "update platform.api_key set revoked_at = now() where prefix = ?",
        tenant.key().substring(0, 11));
    await()
        .atMost(WITHIN_TTL)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> as(tenant.key()).get("/api/v1/tenant").then().statusCode(401));
  }

  @Test
  void showsATenantChangedElsewhereWithinTheTtl() throws SQLException {
    TenantKey tenant = ApiClient.newTenant("moved");
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200);
    update("update platform.tenant set name = 'Moved Ltd' where slug = ?", tenant.slug());
    await()
        .atMost(WITHIN_TTL)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                as(tenant.key())
                    .get("/api/v1/tenant")
                    .then()
                    .statusCode(200)
                    .body("name", equalTo("Moved Ltd")));
  }

  private void update(String sql, String value) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, value);
      s.executeUpdate();
    }
  }
}
