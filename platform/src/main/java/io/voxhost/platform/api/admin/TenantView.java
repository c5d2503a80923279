package io.voxhost.platform.api.admin;

import io.voxhost.platform.service.Tenant;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant as the API shows it. */
@Schema(description = "A tenant: one business on the platform")
public record TenantView(
    @Schema(description = "The tenant's id") UUID id,
    @Schema(description = "The tenant's name in URLs, such as acme-east") String slug,
    @Schema(description = "Display name") String name,
    @Schema(
            description =
                "The DNS domain its phones register to: it picks the tenant for SIP requests and"
                    + " is its digest realm")
        String sipDomain,
    @Schema(description = "Whether its phones must pass digest authentication on REGISTER")
        boolean sipRegisterAuth,
    @Schema(description = "When the tenant was created") Instant createdAt,
    @Schema(
            description =
                "The digest algorithms its phones are offered, most preferred first; empty when"
                    + " the SIP node's default (voxhost.sip.auth.algorithms) applies")
        List<String> sipDigestAlgorithms) {

  public static TenantView of(Tenant t) {
    return new TenantView(
        t.id(),
        t.slug(),
        t.name(),
        t.sipDomain(),
        t.sipRegisterAuth(),
        t.createdAt(),
        t.sipDigestAlgorithms());
  }
}
