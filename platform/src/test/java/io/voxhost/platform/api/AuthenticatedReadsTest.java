package io.voxhost.platform.api;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.service.KeyUseRecorder;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What an authenticated read costs the database, with caches that would not expire during the test:
 * whatever the node forgets here, it forgot because of its own change.
 */
@QuarkusTest
@TestProfile(AuthenticatedReadsTest.LongLivedCaches.class)
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class AuthenticatedReadsTest {

  public static class LongLivedCaches implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "voxhost.auth.key-cache-ttl", "1h",
          "voxhost.tenant-cache-ttl", "1h",
          "voxhost.auth.last-used-flush-interval", "1h");
    }
  }

  @Inject AgroalDataSource dataSource;
  @Inject KeyUseRecorder uses;

  @Test
  void answersARepeatedReadWithoutTouchingTheDatabase() {
    TenantKey tenant = ApiClient.newTenant("nosql");
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200);
    dataSource.getConfiguration().setMetricsEnabled(true);
    long before = dataSource.getMetrics().acquireCount();
    for (int i = 0; i < 20; i++) {
      as(tenant.key())
          .get("/api/v1/tenant")
          .then()
          .statusCode(200)
          .body("slug", equalTo(tenant.slug()));
    }
    assertThat(dataSource.getMetrics().acquireCount())
        .as("database connections taken by 20 cached reads")
        .isEqualTo(before);
  }

  @Test
  void writesLastUseOnlyAtTheFlushAndShowsItBefore() throws SQLException {
    TenantKey tenant = ApiClient.newTenant("batched");
    Instant before = Instant.now().minusSeconds(1);
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200);

    assertThat(storedLastUse(tenant.key())).as("written on the request path").isNull();
    as(tenant.key())
        .get("/api/v1/keys")
        .then()
        .statusCode(200)
        .body("[0].lastUsedAt", notNullValue());

    assertThat(uses.flush()).isGreaterThanOrEqualTo(1);
    assertThat(storedLastUse(tenant.key())).isNotNull().isAfter(before);
    assertThat(uses.unflushedUse(keyId(tenant.key()))).isEmpty();
  }

  @Test
  void revocationTakesEffectAtOnceOnThisNode() {
    TenantKey tenant = ApiClient.newTenant("revoked");
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(200);
    as(adminKey())
        .delete("/api/v1/admin/tenants/" + tenant.slug() + "/keys/" + tenant.key().substring(0, 11))
        .then()
        .statusCode(200);
    as(tenant.key()).get("/api/v1/tenant").then().statusCode(401);
  }

  @Test
  void showsThisNodesTenantChangeAtOnce() {
    TenantKey tenant = ApiClient.newTenant("renamed");
    as(tenant.key())
        .get("/api/v1/tenant")
        .then()
        .statusCode(200)
        .body("name", equalTo("renamed Ltd"));
    as(adminKey())
        .body(Map.of("name", "Renamed Twice Ltd"))
        .patch("/api/v1/admin/tenants/" + tenant.slug())
        .then()
        .statusCode(200);
    as(tenant.key())
        .get("/api/v1/tenant")
        .then()
        .statusCode(200)
        .body("name", equalTo("Renamed Twice Ltd"));
  }

  private Instant storedLastUse(String key) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select last_used_at from platform.api_key where prefix = ?")) {
      s.setString(1, key.substring(0, 11));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        Timestamp t = rs.getTimestamp(1);
        return t == null ? null : t.toInstant();
      }
    }
  }

  private UUID keyId(String key) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement("select id from platform.api_key where prefix = ?")) {
      s.setString(1, key.substring(0, 11));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getObject(1, UUID.class);
      }
    }
  }
}
