package io.voxhost.sip.api;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.sip.service.PeerDirectory;
import io.voxhost.sip.service.PeerService;
import io.voxhost.sip.transport.SipPortResource;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trusted-peers API: CRUD, bad CIDRs, the bound, isolation, and following other nodes. */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = SipPortResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PeerApiTest {

  private static final String BASE = "/api/v1/sip/peers";

  @Inject PeerDirectory directory;
  @Inject DataSource dataSource;

  @Test
  void declaresListsAndRemovesPeersAndTrustsThemAtOnce() throws Exception {
    TenantKey t = ApiClient.newTenant("peers");
    UUID tenant = tenantId(t);
    String id =
        as(t.key())
            .body(Map.of("network", "198.51.100.7/24", "description", "SBC Paris"))
            .post(BASE)
            .then()
            .statusCode(201)
            .header("Location", containsString(BASE + "/"))
            .body("network", equalTo("198.51.100.0/24"))
            .body("description", equalTo("SBC Paris"))
            .extract()
            .path("id");
    as(t.key())
        .body(Map.of("network", "2001:DB8:0::1"))
        .post(BASE)
        .then()
        .statusCode(201)
        .body("network", equalTo("2001:db8::1/128"));
    as(t.key())
        .body(Map.of("network", "198.51.100.0/24"))
        .post(BASE)
        .then()
        .statusCode(409)
        .body("errors.field", hasItem("network"));
    as(t.key()).get(BASE).then().statusCode(200).body("network", hasSize(2));
    as(t.key()).get(BASE + "/" + id).then().statusCode(200).body("id", equalTo(id));
    assertThat(directory.trusts(tenant, InetAddress.getByName("198.51.100.200"))).isTrue();
    assertThat(directory.trusts(tenant, InetAddress.getByName("2001:db8::1"))).isTrue();
    assertThat(directory.trusts(tenant, InetAddress.getByName("198.51.101.1"))).isFalse();

    as(t.key()).delete(BASE + "/" + id).then().statusCode(204);
    as(t.key()).get(BASE + "/" + id).then().statusCode(404);
    assertThat(directory.trusts(tenant, InetAddress.getByName("198.51.100.200"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "2001:db8::/129",
        "example.com",
        "10.0.0",
        "10.0.0.0/-1",
        "fe80::1%eth0",
        "300.1.1.1",
        "1.2.3.4/",
        " "
      })
  void refusesBadCidrsWith400NamingTheField(String network) {
    TenantKey t = ApiClient.newTenant("peersbad");
    as(t.key())
        .body(Map.of("network", network))
        .post(BASE)
        .then()
        .statusCode(400)
        .contentType(containsString("application/problem+json"))
        .body("errors.field", hasItem("network"));
    as(t.key()).get(BASE).then().body("$", hasSize(0));
  }

  @Test
  void refusesAMissingNetworkAndAnOverlongDescription() {
    TenantKey t = ApiClient.newTenant("peersbad");
    as(t.key())
        .body(Map.of("description", "no network"))
        .post(BASE)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("network"));
    as(t.key())
        .body(Map.of("network", "192.0.2.1", "description", "x".repeat(201)))
        .post(BASE)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("description"));
  }

  @Test
  void keepsTenantsApart() throws Exception {
    TenantKey a = ApiClient.newTenant("peersa");
    TenantKey b = ApiClient.newTenant("peersb");
    String id =
        as(a.key())
            .body(Map.of("network", "203.0.113.0/28"))
            .post(BASE)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as(b.key()).get(BASE + "/" + id).then().statusCode(404);
    as(b.key()).delete(BASE + "/" + id).then().statusCode(404);
    as(b.key()).get(BASE).then().statusCode(200).body("$", hasSize(0));
    as(ApiClient.adminKey()).get(BASE).then().statusCode(403);
    as(a.key()).get(BASE + "/" + id).then().statusCode(200);
    assertThat(directory.trusts(tenantId(a), InetAddress.getByName("203.0.113.1"))).isTrue();
    assertThat(directory.trusts(tenantId(b), InetAddress.getByName("203.0.113.1"))).isFalse();
  }

  @Test
  void boundsThePeersOfATenant() {
    TenantKey t = ApiClient.newTenant("peersmax");
    for (int i = 0; i < PeerService.MAX_PEERS; i++) {
      as(t.key()).body(Map.of("network", "10.0." + i + ".0/24")).post(BASE).then().statusCode(201);
    }
    as(t.key())
        .body(Map.of("network", "10.1.0.0/24"))
        .post(BASE)
        .then()
        .statusCode(409)
        .body("errors.field", hasItem("network"));
    as(t.key()).get(BASE).then().body("$", hasSize(PeerService.MAX_PEERS));
  }

  @Test
  void followsAChangeAnotherNodeAnnounces() throws Exception {
    TenantKey t = ApiClient.newTenant("peersfeed");
    UUID tenant = tenantId(t);
    InetAddress sbc = InetAddress.getByName("192.0.2.44");
    sql(
        "insert into sip.peer (id, tenant_id, network, created_at)"
            + " values (gen_random_uuid(), ?::uuid, '192.0.2.0/24', now())",
        tenant.toString());
    assertThat(directory.trusts(tenant, sbc)).isFalse(); // written behind its back: not yet

    sql( // the notice another node sends with its change
        "select pg_notify('" + PeerDirectory.CHANNEL + "', 'another-node' || chr(10) || ?)",
        tenant.toString());
    await().atMost(Duration.ofSeconds(10)).until(() -> directory.trusts(tenant, sbc));
  }

  private static UUID tenantId(TenantKey t) {
    return UUID.fromString(as(t.key()).get("/api/v1/tenant").then().extract().path("id"));
  }

  private void sql(String statement, String parameter) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setString(1, parameter);
      s.execute();
    }
  }
}
