package io.voxhost.platform.api.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of the key creation calls: a label saying what the key is for. */
public record KeyRequest(
    @NotBlank @Size(max = 100) @Pattern(regexp = Formats.TEXT, message = Formats.TEXT_MESSAGE)
        String label) {}
