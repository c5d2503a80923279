package io.voxhost.tftp.transport;

import static io.voxhost.platform.testing.ApiClient.as;

import io.voxhost.platform.testing.ApiClient;
import io.voxhost.platform.testing.ApiClient.TenantKey;
import java.util.Map;

/**
 * Tenants whose devices anyone may fetch (fetch policy {@code open}), for tests of the protocols
 * rather than of who may fetch: a new tenant's default is {@code credentials}.
 */
final class OpenTenants {

  private OpenTenants() {}

  static TenantKey create(String namePrefix) {
    TenantKey t = ApiClient.newTenant(namePrefix);
    policy(t, "open");
    return t;
  }

  static void policy(TenantKey t, String policy) {
    as(t.key())
        .body(Map.of("fetchPolicy", policy))
        .put("/api/v1/provisioning/settings")
        .then()
        .statusCode(200);
  }
}
