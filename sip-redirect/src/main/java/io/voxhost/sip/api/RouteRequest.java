package io.voxhost.sip.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A dial-plan rule as the API takes it. {@code normalize} is {@code "e164"} or absent; {@code
 * region} (ISO 3166, like {@code "US"}) is how national numbers are read for E.164; without it only
 * numbers dialled with a leading + can be normalised.
 */
@Schema(description = "A dial-plan rule")
public record RouteRequest(
    @Schema(
            description =
                "Java regular expression the whole called number (the Request-URI's user part,"
                    + " in E.164 when normalize is e164) must match; up to 200 characters. A match"
                    + " that runs over 5 ms counts as none",
            examples = "\\+331(\\d{8})")
        @NotBlank
        @Size(max = 200)
        String pattern,
    @Schema(
            description =
                "Where a matching call is redirected (302): a sip:, sips: or tel: URI without"
                    + " spaces, <, > or quotes, up to 300 characters. $1 to $9 stand for the"
                    + " pattern's groups, $0 for the whole number, $$ for a dollar sign",
            examples = "sip:$1@pbx.acme.example")
        @NotBlank
        @Size(max = 300)
        String target,
    @Schema(
            description =
                "e164 to match the number normalised to E.164 (libphonenumber); absent to match"
                    + " it as dialled. A number that cannot be normalised does not match")
        @Pattern(regexp = "^e164$", message = "'e164' or absent")
        String normalize,
    @Schema(
            description =
                "ISO 3166 region, such as US, that national numbers are read in for E.164;"
                    + " without it only numbers dialled with a leading + can be normalised")
        @Pattern(regexp = "^[A-Z]{2}$", message = "a two-letter ISO 3166 region like 'US'")
        String region,
    @Schema(description = "Free text for people: up to 200 characters without control characters")
        @Size(max = 200)
        @Pattern(regexp = "^[^\\p{Cntrl}]*$", message = "no control characters")
        String description,
    @Schema(
            description =
                "Where POST inserts the rule, 1 to 1000 (1 is tried first); absent or past the end"
                    + " appends. PUT ignores it: the list's order is the plan's")
        @Min(1)
        @Max(1000)
        Integer position) {}
