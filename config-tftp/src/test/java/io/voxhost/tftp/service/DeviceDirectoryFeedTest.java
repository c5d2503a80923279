package io.voxhost.tftp.service;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The device directory follows the change feed: what changes through the API, on this node or on
 * another (played by writing to the database and sending its notice), is what the directory answers
 * next, with no refresh interval in between.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DeviceDirectoryFeedTest {

  private static final String DEVICES = "/api/v1/provisioning/devices";

  /** Far longer than a notice takes; only a failure waits this long. */
  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  private static final String BARRIER = "voxhost_test_barrier";

  @Inject DeviceDirectory directory;
  @Inject ChangeFeed feed;
  @Inject DataSource dataSource;

  @Test
  void answersADeviceChangedThroughTheApiWithItsNewValue() throws Exception {
    TenantKey t = ApiClient.newTenant("feed");
    MacAddress mac = new MacAddress(TestData.mac("001565"));
    as(t.key())
        .body(Map.of("mac", mac.value(), "vendor", "yealink", "model", "T46U"))
        .post(DEVICES)
        .then()
        .statusCode(201);
    assertThat(model(mac)).contains("T46U");

    as(t.key())
        .body(Map.of("vendor", "yealink", "model", "T54W"))
        .put(DEVICES + "/" + mac.value())
        .then()
        .statusCode(200);
    await().atMost(PROMPTLY).until(() -> model(mac).equals(Optional.of("T54W")));

    as(t.key()).delete(DEVICES + "/" + mac.value()).then().statusCode(204);
    await().atMost(PROMPTLY).until(() -> model(mac).isEmpty());
  }

  @Test
  void readsBackWhatAnotherNodeAnnouncesAndOnlyThen() throws Exception {
    TenantKey t = ApiClient.newTenant("feedelse");
    String tenantId = as(t.key()).get("/api/v1/tenant").then().extract().path("id");
    MacAddress mac = new MacAddress(TestData.mac("001565"));
    // Another node registers the device: its row, then its notice.
    insertYealink(tenantId, mac);
    notice(DeviceDirectory.CHANNEL, new DeviceChange.OneDevice(mac).line());
    feedCaughtUp();
    assertThat(model(mac)).contains("T46U");

    // It changes the device; until its notice comes, this node answers from memory.
    sql("update tftp.device set model = 'T58A' where mac = ?", mac.value());
    assertThat(model(mac)).contains("T46U");

    notice(DeviceDirectory.CHANNEL, new DeviceChange.OneDevice(mac).line());
    await().atMost(PROMPTLY).until(() -> model(mac).equals(Optional.of("T58A")));
  }

  @Test
  void aDeviceAnotherNodeCreatedIsFoundAfterItsNoticeEvenIfItsAbsenceWasKnown() throws Exception {
    TenantKey t = ApiClient.newTenant("feednew");
    String tenantId = as(t.key()).get("/api/v1/tenant").then().extract().path("id");
    MacAddress mac = new MacAddress(TestData.mac("001565"));
    feedCaughtUp(); // no change in flight: what a lookup reads now is remembered
    assertThat(model(mac)).isEmpty();

    insertYealink(tenantId, mac);
    assertThat(model(mac)).isEmpty(); // its absence, from memory
    notice(DeviceDirectory.CHANNEL, new DeviceChange.OneDevice(mac).line());

    await().atMost(PROMPTLY).until(() -> model(mac).equals(Optional.of("T46U")));
  }

  @Test
  void aMacNobodyRegisteredIsAnsweredFromMemoryUntilItsNoticeComes() throws Exception {
    TenantKey t = ApiClient.newTenant("feedmem");
    String tenantId = as(t.key()).get("/api/v1/tenant").then().extract().path("id");
    MacAddress mac = new MacAddress(TestData.mac("001565"));
    feedCaughtUp(); // every device is in memory

    // Another node's row without its notice yet: never looked up before, and still not read.
    insertYealink(tenantId, mac);
    assertThat(model(mac)).isEmpty();

    notice(DeviceDirectory.CHANNEL, new DeviceChange.OneDevice(mac).line());
    await().atMost(PROMPTLY).until(() -> model(mac).equals(Optional.of("T46U")));
  }

  @Test
  void aTenantVariableChangedThroughTheApiReachesItsDevices() throws Exception {
    TenantKey t = ApiClient.newTenant("feedvars");
    MacAddress mac = new MacAddress(TestData.mac("001565"));
    as(t.key())
        .body(Map.of("mac", mac.value(), "vendor", "yealink", "model", "T46U"))
        .post(DEVICES)
        .then()
        .statusCode(201);
    assertThat(profile(mac).orElseThrow().variables()).doesNotContainKey("ntp");

    as(t.key())
        .body(Map.of("variables", Map.of("ntp", "pool.ntp.org")))
        .put("/api/v1/provisioning/settings")
        .then()
        .statusCode(200);

    await()
        .atMost(PROMPTLY)
        .until(() -> "pool.ntp.org".equals(profile(mac).orElseThrow().variables().get("ntp")));
  }

  @Test
  void aRenamedTenantReachesItsDevices() throws Exception {
    TenantKey t = ApiClient.newTenant("feedname");
    MacAddress mac = new MacAddress(TestData.mac("001565"));
    as(t.key())
        .body(Map.of("mac", mac.value(), "vendor", "yealink", "model", "T46U"))
        .post(DEVICES)
        .then()
        .statusCode(201);
    assertThat(profile(mac).orElseThrow().tenantName()).isNotEqualTo("Renamed Ltd");

    as(adminKey())
        .body(Map.of("name", "Renamed Ltd"))
        .patch("/api/v1/admin/tenants/" + t.slug())
        .then()
        .statusCode(200);

    await()
        .atMost(PROMPTLY)
        .until(() -> profile(mac).orElseThrow().tenantName().equals("Renamed Ltd"));
  }

  @Test
  void readsEveryDeviceAgainAfterTheFeedLostItsConnection() throws Exception {
    TenantKey t = ApiClient.newTenant("feedlost");
    MacAddress mac = new MacAddress(TestData.mac("001565"));
    as(t.key())
        .body(Map.of("mac", mac.value(), "vendor", "yealink", "model", "T46U"))
        .post(DEVICES)
        .then()
        .statusCode(201);
    assertThat(model(mac)).contains("T46U");

    // A change whose notice this node never hears: it was away when it was sent.
    sql("update tftp.device set model = 'T58A' where mac = ?", mac.value());
    sql(
        "select pg_terminate_backend(pid) from pg_stat_activity"
            + " where pid <> pg_backend_pid() and query like ?",
        "listen %");

    await().atMost(PROMPTLY).until(() -> model(mac).equals(Optional.of("T58A")));
  }

  /** A T46U of the tenant, written as another node would, without a notice. */
  private void insertYealink(String tenantId, MacAddress mac) throws SQLException {
    sql(
        "insert into tftp.device (mac, tenant_id, vendor, model, created_at, updated_at)"
            + " values (?, '"
            + tenantId
            + "'::uuid, 'yealink', 'T46U', now(), now())",
        mac.value());
  }

  private Optional<DeviceProfile> profile(MacAddress mac) throws Exception {
    return directory.find(mac).get(5, TimeUnit.SECONDS);
  }

  private Optional<String> model(MacAddress mac) throws Exception {
    return profile(mac).map(p -> p.device().model());
  }

  /** Returns once the feed has handed on every notice sent before: it hands them on in order. */
  private void feedCaughtUp() throws Exception {
    CountDownLatch passed = new CountDownLatch(1);
    feed.subscribe(BARRIER, ChangeFeed.Senders.EVERY_NODE, lines -> passed.countDown(), () -> {})
        .awaitSynchronised(PROMPTLY);
    notice(BARRIER, "caught up");
    assertThat(passed.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  /** The notice another node's transaction sends with its change. */
  private void notice(String channel, String line) throws SQLException {
    sql("select pg_notify('" + channel + "', 'another-node' || chr(10) || ?)", line);
  }

  private void sql(String statement, String parameter) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setString(1, parameter);
      s.execute();
    }
  }
}
