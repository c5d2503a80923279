package io.voxhost.platform.api.admin;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code PATCH /api/v1/admin/tenants/{slug}}: absent fields keep their value. */
public record TenantPatch(
    @Size(min = 1, max = 200)
        @Pattern(regexp = Formats.NON_BLANK_TEXT, message = Formats.TEXT_MESSAGE)
        String name,
    @Size(min = 1, max = 253)
        @Pattern(regexp = Formats.HOSTNAME, message = Formats.HOSTNAME_MESSAGE)
        String sipDomain,
    Boolean sipRegisterAuth) {}
