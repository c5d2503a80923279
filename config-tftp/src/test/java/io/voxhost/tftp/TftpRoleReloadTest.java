package io.voxhost.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.role.Reloaded;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.HeldTable;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A reload while the database does not answer (the device table held by another transaction past
 * {@code voxhost.db.timeout}, as a hung database would): the devices keep what memory holds and the
 * failure is reported, while the templates and a changed rate limit still apply.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TftpRoleReloadTest {

  private static final String PER_SECOND = "voxhost.tftp.rate-limit.per-second";
  private static final String BURST = "voxhost.tftp.rate-limit.burst";

  @Inject TftpRole role;
  @Inject DataSource dataSource;
  @Inject TftpConfig config;

  @Test
  void theRateLimitAppliesWhileTheDatabaseIsAwayAndTheDevicesAfter() throws Exception {
    try {
      ReloadedSettings limited = HeldTable.edited(Map.of(PER_SECOND, "1", BURST, "1"));

      Reloaded during = HeldTable.whileHeld(dataSource, "tftp.device", () -> role.reload(limited));

      assertThat(during.applied()).containsExactlyInAnyOrder(PER_SECOND, BURST);
      assertThat(during.what()).contains("tftp templates", "tftp rate limit");
      assertThat(during.what()).doesNotContain("tftp devices");
      assertThat(during.failed()).singleElement().asString().startsWith("tftp devices: ");

      // The database answers again: the next reload reads the devices.
      Reloaded after = role.reload(new ReloadedSettings(limited.config(), Set.of()));
      assertThat(after.failed()).isEmpty();
      assertThat(after.what()).contains("tftp devices", "tftp templates");
      assertThat(after.applied()).isEmpty();
    } finally {
      // The role is shared by the module's other tests: they get the configured limit back.
      role.reload(
          HeldTable.edited(
              Map.of(
                  PER_SECOND,
                  String.valueOf(config.rateLimit().perSecond()),
                  BURST,
                  String.valueOf(config.rateLimit().burst()))));
    }
  }
}
