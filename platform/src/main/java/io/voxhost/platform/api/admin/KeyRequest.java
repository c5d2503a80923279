package io.voxhost.platform.api.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of the key creation calls: a label saying what the key is for. */
@Schema(description = "A new API key")
public record KeyRequest(
    @Schema(
            description =
                "What the key is for, such as 'PBX in Lyon': 1 to 100 characters without control"
                    + " characters; spaces around it are dropped")
        @NotBlank
        @Size(max = 100)
        @Pattern(regexp = Formats.TEXT, message = Formats.TEXT_MESSAGE)
        String label) {}
