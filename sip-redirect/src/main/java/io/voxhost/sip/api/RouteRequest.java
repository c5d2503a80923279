package io.voxhost.sip.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A dial-plan rule as the API takes it. {@code normalize} is {@code "e164"} or absent; {@code
 * region} (ISO 3166, like {@code "US"}) is how national numbers are read for E.164; without it only
 * numbers dialled with a leading + can be normalised.
 */
public record RouteRequest(
    @NotBlank @Size(max = 200) String pattern,
    @NotBlank @Size(max = 300) String target,
    @Pattern(regexp = "^e164$", message = "'e164' or absent") String normalize,
    @Pattern(regexp = "^[A-Z]{2}$", message = "a two-letter ISO 3166 region like 'US'")
        String region,
    @Size(max = 200) @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "no control characters")
        String description,
    @Min(1) @Max(1000) Integer position) {}
