package io.voxhost.platform.api.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/admin/tenants}. */
public record TenantRequest(
    @NotNull
        @Size(min = 1, max = 63)
        @Pattern(
            regexp = Formats.SLUG,
            message = "lower-case letters, digits and inner hyphens only (like 'acme-east')")
        String slug,
    @NotBlank @Size(max = 200) @Pattern(regexp = Formats.TEXT, message = Formats.TEXT_MESSAGE)
        String name,
    @NotNull
        @Size(min = 1, max = 253)
        @Pattern(regexp = Formats.HOSTNAME, message = Formats.HOSTNAME_MESSAGE)
        String sipDomain) {}
