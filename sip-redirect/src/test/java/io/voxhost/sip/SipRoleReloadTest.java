package io.voxhost.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
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
 * A reload while the database does not answer (the tenant table held by another transaction past
 * {@code voxhost.db.timeout}, as a hung database would): the domains keep what memory holds and the
 * failure is reported, while a changed rate limit still applies.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class SipRoleReloadTest {

  private static final String PER_SECOND = "voxhost.sip.rate-limit.per-second";
  private static final String BURST = "voxhost.sip.rate-limit.burst";

  @Inject SipRole role;
  @Inject DataSource dataSource;
  @Inject SipConfig config;

  @Test
  void theRateLimitAppliesWhileTheDatabaseIsAwayAndTheDomainsAfter() throws Exception {
    try {
      ReloadedSettings limited = HeldTable.edited(Map.of(PER_SECOND, "1", BURST, "1"));

      Reloaded during =
          HeldTable.whileHeld(dataSource, "platform.tenant", () -> role.reload(limited));

      assertThat(during.applied()).containsExactlyInAnyOrder(PER_SECOND, BURST);
      assertThat(during.what()).containsExactly("sip rate limit");
      assertThat(during.failed()).singleElement().asString().startsWith("sip domains: ");

      Reloaded after = role.reload(new ReloadedSettings(limited.config(), Set.of()));
      assertThat(after.failed()).isEmpty();
      assertThat(after.what()).containsExactly("sip domains");
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
