package io.voxhost.platform.api.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/admin/tenants}. */
@Schema(description = "A new tenant")
public record TenantRequest(
    @Schema(
            description =
                "The tenant's name in URLs: 1 to 63 lower-case letters, digits and inner hyphens,"
                    + " such as acme-east. It cannot change later",
            examples = "acme-east")
        @NotNull
        @Size(min = 1, max = 63)
        @Pattern(
            regexp = Formats.SLUG,
            message = "lower-case letters, digits and inner hyphens only (like 'acme-east')")
        String slug,
    @Schema(
            description =
                "Display name: up to 200 characters, not blank, without control characters")
        @NotBlank
        @Size(max = 200)
        @Pattern(regexp = Formats.TEXT, message = Formats.TEXT_MESSAGE)
        String name,
    @Schema(
            description =
                "The DNS domain the tenant's phones register to, up to 253 characters: it picks"
                    + " the tenant for SIP requests and is its digest realm. Stored in lower case"
                    + " without a trailing dot; one tenant per domain",
            examples = "acme.voxhost.net")
        @NotNull
        @Size(min = 1, max = 253)
        @Pattern(regexp = Formats.HOSTNAME, message = Formats.HOSTNAME_MESSAGE)
        String sipDomain) {}
