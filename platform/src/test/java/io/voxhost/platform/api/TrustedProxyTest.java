package io.voxhost.platform.api;

import static io.voxhost.platform.testing.ApiClient.adminKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.voxhost.platform.testing.EmbeddedPostgresResource;
import io.voxhost.platform.testing.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy configured as trusted (configuration.md), the failure limiter counts
 * against the client the proxy names; a peer that is not that proxy names itself in vain.
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindTrustedProxy.class)
@WithTestResource(
    value = EmbeddedPostgresResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES)
class TrustedProxyTest {

  private static final String BAD_KEY =
      "Authorization: Bearer vx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

  /** The proxy is 127.0.0.1; three failures a minute. */
  public static class BehindTrustedProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "voxhost.auth.max-failures", "3",
          "voxhost.auth.failure-window", "1m",
          "quarkus.http.proxy.proxy-address-forwarding", "true",
          "quarkus.http.proxy.allow-x-forwarded", "true",
          "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    }
  }

  @Test
  void countsFailuresAgainstTheClientTheTrustedProxyNames() {
    for (int i = 0; i < 3; i++) {
      assertThat(
              RawHttp.send(
                      "127.0.0.1", "GET", "/api/v1/tenant", BAD_KEY, "X-Forwarded-For: 192.0.2.10")
                  .status())
          .isEqualTo(401);
    }
    String good = "Authorization: Bearer " + adminKey();
    assertThat(
            RawHttp.send(
                    "127.0.0.1",
                    "GET",
                    "/api/v1/admin/tenants",
                    good,
                    "X-Forwarded-For: 192.0.2.10")
                .status())
        .as("the guessing client, through the proxy")
        .isEqualTo(429);
    assertThat(
            RawHttp.send(
                    "127.0.0.1",
                    "GET",
                    "/api/v1/admin/tenants",
                    good,
                    "X-Forwarded-For: 192.0.2.11")
                .status())
        .as("another client of the same proxy")
        .isEqualTo(200);
  }

  @Test
  void anUntrustedPeerCannotChooseTheAddressItIsCountedAgainst() {
    for (int i = 0; i < 3; i++) {
      assertThat(
              RawHttp.send(
                      "127.0.0.3",
                      "GET",
                      "/api/v1/tenant",
                      BAD_KEY,
                      "X-Forwarded-For: 192.0.2." + (20 + i))
                  .status())
          .isEqualTo(401);
    }
    assertThat(
            RawHttp.send(
                    "127.0.0.3",
                    "GET",
                    "/api/v1/admin/tenants",
                    "Authorization: Bearer " + adminKey(),
                    "X-Forwarded-For: 192.0.2.99")
                .status())
        .isEqualTo(429);
  }
}
