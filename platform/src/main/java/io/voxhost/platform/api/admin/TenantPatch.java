package io.voxhost.platform.api.admin;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
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
        Boolean sipRegisterAuth,
    @Schema(
            description =
                "The digest algorithms (RFC 8760) the tenant's phones are offered in a 401, most"
                    + " preferred first: MD5, SHA-256 or both, each at most once. An empty list"
                    + " returns the tenant to the SIP node's voxhost.sip.auth.algorithms (MD5 then"
                    + " SHA-256 unless configured otherwise). [\"SHA-256\",\"MD5\"] puts SHA-256"
                    + " first for phones that support it; a phone that knows only MD5 and stops at"
                    + " the first challenge (SIPp 3.6) then no longer registers unless its"
                    + " User-Agent matches voxhost.sip.auth.md5-only-user-agents",
            example = "[\"MD5\",\"SHA-256\"]")
        @Size(max = 2)
        List<String> sipDigestAlgorithms) {

  /** A patch of the first three fields only. */
  public TenantPatch(String name, String sipDomain, Boolean sipRegisterAuth) {
    this(name, sipDomain, sipRegisterAuth, null);
  }
}
