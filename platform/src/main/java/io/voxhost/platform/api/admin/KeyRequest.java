package io.voxhost.platform.api.admin;

import io.voxhost.platform.service.KeyScope;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of the key creation calls ({@code POST /api/v1/keys} and the admin's {@code POST
 * /api/v1/admin/tenants/{slug}/keys}): what the key is for, and what it may do.
 */
@Schema(description = "A new API key")
public record KeyRequest(
    @Schema(
            description =
                "What the key is for, such as 'CRM downloads': 1 to 100 characters without"
                    + " control characters; spaces around it are dropped")
        @NotBlank
        @Size(max = 100)
        @Pattern(regexp = Formats.TEXT, message = Formats.TEXT_MESSAGE)
        String label,
    @Schema(
            description =
                "What the key may do: full (everything, the default; the only scope that manages"
                    + " keys), read-only (GET and HEAD on every API) or recordings-read (GET and"
                    + " HEAD of /api/v1/recordings and its recordings, nothing else)",
            enumeration = {"full", "read-only", "recordings-read"},
            defaultValue = "full")
        @Pattern(
            regexp = "full|read-only|recordings-read",
            message = "must be one of full, read-only, recordings-read")
        String scope) {

  /** Full when left out: keys made before scopes existed did everything, and so do these. */
  public KeyScope keyScope() {
    return scope == null ? KeyScope.FULL : KeyScope.of(scope).orElseThrow();
  }
}
