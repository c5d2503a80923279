package io.voxhost.cnam;

import static io.voxhost.platform.testing.ApiClient.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.cnam.service.DirectoryMemory;
import io.voxhost.platform.database.ChangeFeed;
import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The directory memory follows the change feed: what another node writes (played here by writing
 * the rows and sending the notice its transaction would send) is answered once its notice arrived,
 * and not before; what memory held is all forgotten after the feed was away.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class DirectoryFeedTest {

  /** Far longer than a notice takes; only a failure waits this long. */
  private static final Duration PROMPTLY = Duration.ofSeconds(10);

  private static final String BARRIER = "voxhost_test_cnam_barrier";

  @Inject ChangeFeed feed;
  @Inject DataSource dataSource;

  @Test
  void anEntryAnotherNodeWroteIsAnsweredAfterItsNoticeAndOnlyThen() throws Exception {
    TenantKey t = ApiClient.newTenant("feed-one");
    String tenant = ApiClient.tenantId(t).toString();
    String number = "+12025550201";
    feedCaughtUp(); // no change in flight: what a lookup reads now is remembered
    assertThat(name(t, number)).isNull();

    sql(
        "insert into cnam.tenant_entry values ('" + tenant + "'::uuid, ?, 'Elsewhere', now())",
        number);
    assertThat(name(t, number)).isNull(); // its absence, from memory

    notice(tenant + " " + number);
    await().atMost(PROMPTLY).until(() -> "Elsewhere".equals(name(t, number)));

    sql("update cnam.tenant_entry set name = 'Renamed' where number = ?", number);
    assertThat(name(t, number)).isEqualTo("Elsewhere");
    notice(tenant + " " + number);
    await().atMost(PROMPTLY).until(() -> "Renamed".equals(name(t, number)));
  }

  @Test
  void anImportElsewhereIsOneLineThatForgetsTheWholeDirectory() throws Exception {
    TenantKey t = ApiClient.newTenant("feed-import");
    String tenant = ApiClient.tenantId(t).toString();
    feedCaughtUp();
    assertThat(name(t, "+12025550211")).isNull();
    assertThat(name(t, "+12025550212")).isNull();

    sql(
        "insert into cnam.tenant_entry select '"
            + tenant
            + "'::uuid, n, 'Imported', now() from unnest(?::text[]) n",
        "{+12025550211,+12025550212}");
    notice(tenant + " " + DirectoryMemory.EVERY_NUMBER);
    await()
        .atMost(PROMPTLY)
        .until(
            () ->
                "Imported".equals(name(t, "+12025550211"))
                    && "Imported".equals(name(t, "+12025550212")));
  }

  @Test
  void thePlatformsDirectoryFollowsItsOwnLines() throws Exception {
    TenantKey t = ApiClient.newTenant("feed-platform");
    String number = "+12025550221";
    feedCaughtUp();
    assertThat(name(t, number)).isNull();
    sql("insert into cnam.platform_entry values (?, 'Platform Elsewhere', now())", number);
    notice("platform " + number);
    await().atMost(PROMPTLY).until(() -> "Platform Elsewhere".equals(name(t, number)));
    sql("delete from cnam.platform_entry where number = ?", number);
  }

  @Test
  void forgetsEverythingAfterTheFeedLostItsConnection() throws Exception {
    TenantKey t = ApiClient.newTenant("feed-lost");
    String tenant = ApiClient.tenantId(t).toString();
    String number = "+12025550231";
    feedCaughtUp();
    assertThat(name(t, number)).isNull();

    // A change whose notice this node never hears: it was away when it was sent.
    sql(
        "insert into cnam.tenant_entry values ('" + tenant + "'::uuid, ?, 'Missed', now())",
        number);
    sql(
        "select pg_terminate_backend(pid) from pg_stat_activity"
            + " where pid <> pg_backend_pid() and query like ?",
        "listen %");

    await().atMost(PROMPTLY).until(() -> "Missed".equals(name(t, number)));
  }

  private static String name(TenantKey t, String number) {
    return as(t.key()).get("/api/v1/cnam/" + number).then().statusCode(200).extract().path("name");
  }

  /** Returns once the feed has handed on every notice sent before: it hands them on in order. */
  private void feedCaughtUp() throws Exception {
    CountDownLatch passed = new CountDownLatch(1);
    feed.subscribe(BARRIER, ChangeFeed.Senders.EVERY_NODE, lines -> passed.countDown(), () -> {})
        .awaitSynchronised(PROMPTLY);
    sql("select pg_notify('" + BARRIER + "', 'another-node' || chr(10) || ?)", "caught up");
    assertThat(passed.await(PROMPTLY.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
  }

  /** The notice another node's transaction sends with its change. */
  private void notice(String line) throws SQLException {
    sql(
        "select pg_notify('" + DirectoryMemory.CHANNEL + "', 'another-node' || chr(10) || ?)",
        line);
  }

  private void sql(String statement, String parameter) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(statement)) {
      s.setString(1, parameter);
      s.execute();
    }
  }
}
