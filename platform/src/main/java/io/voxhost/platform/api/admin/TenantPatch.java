package io.voxhost.platform.api.admin;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/admin/tenants/{slug}}: absent fields keep their value. */
@Schema(description = "Changes to a tenant; a field left out keeps its value")
public record TenantPatch(
    @Schema(
            description =
                "New display name: 1 to 200 characters, not blank, without control characters")
        @Size(min = 1, max = 200)
        @Pattern(regexp = Formats.NON_BLANK_TEXT, message = Formats.TEXT_MESSAGE)
        String name,
    @Schema(
            description =
                "New SIP domain: a DNS name of up to 253 characters, stored in lower case without a"
                    + " trailing dot. Phones then register to it, and it is the digest realm, so"
                    + " subscribers' stored digests no longer match until their passwords are set"
                    + " again")
        @Size(min = 1, max = 253)
        @Pattern(regexp = Formats.HOSTNAME, message = Formats.HOSTNAME_MESSAGE)
        String sipDomain,
    @Schema(
            description =
                "Whether the tenant's phones must pass digest authentication on REGISTER; false"
                    + " for a trunk behind a trusted SBC")
        Boolean sipRegisterAuth) {}
