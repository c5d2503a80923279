package io.voxhost.sip.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.voxhost.platform.service.TenantService;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.TestData;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Failure counting by source block (test profile: 8 failures in 2 s). SIP from other IPv6 addresses
 * than ::1 cannot be sent over loopback, so the guesses go to the service as a request from each
 * address would.
 */
@QuarkusTest
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class AuthenticationServiceTest {

  @Inject AuthenticationService authentication;
  @Inject TenantService tenants;
  @Inject SubscriberService subscribers;

  /** A challenge to {@code source}, answered from there with a wrong password: one guess. */
  private AuthDecision guess(SipTenant tenant, String source, Instant now) {
    AuthDecision first =
        authentication.check(tenant, "alice", Optional.empty(), "REGISTER", source, "test", now);
    if (!(first instanceof AuthDecision.Challenge c)) {
      return first;
    }
    DigestCredentials wrong =
        new DigestCredentials(
            "alice",
            c.realm(),
            c.nonce(),
            "sip:" + tenant.domain(),
            "0123456789abcdef0123456789abcdef",
            "MD5",
            "auth",
            "00000001",
            "cafe");
    return authentication.check(
        tenant, "alice", Optional.of(wrong), "REGISTER", source, "test", now);
  }

  @Test
  void aHostCannotEscapeItsFailuresByMovingAboutItsIpv6Slash64() {
    String slug = TestData.name("v6");
    String domain = slug + ".sip.test";
    UUID id = tenants.create(slug, "IPv6 guesser", domain).id();
    subscribers.create(id, "alice", "correct-horse-6", "Alice");
    SipTenant tenant = new SipTenant(id, domain, true);
    Instant now = Instant.now();

    AuthDecision last = null;
    for (int i = 1; i <= 12 && !(last instanceof AuthDecision.Refused); i++) {
      last = guess(tenant, "2001:db8:1:2::" + Integer.toHexString(i), now);
    }
    assertThat(last)
        .as("a fresh address of the same /64 each time")
        .isInstanceOf(AuthDecision.Refused.class);
    // Another /64 has not failed: it is challenged as ever.
    assertThat(guess(tenant, "2001:db8:1:3::1", now)).isNotInstanceOf(AuthDecision.Refused.class);
  }
}
