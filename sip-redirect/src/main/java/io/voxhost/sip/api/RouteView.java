package io.voxhost.sip.api;

import io.voxhost.sip.service.DialRule;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A dial-plan rule as the API shows it. */
@Schema(description = "A dial-plan rule of the tenant")
public record RouteView(
    @Schema(description = "The rule's id") UUID id,
    @Schema(description = "Its place in the plan, 1 to n without gaps: 1 is tried first")
        int position,
    @Schema(description = "Java regular expression the whole called number must match")
        String pattern,
    @Schema(
            description =
                "Where a matching call is redirected; $0 to $9 stand for the match and its groups")
        String target,
    @Schema(description = "e164 when the number is matched in E.164, or null when as dialled")
        String normalize,
    @Schema(description = "ISO 3166 region national numbers are read in for E.164, or null")
        String region,
    @Schema(description = "Free text for people, or null") String description) {

  static RouteView of(DialRule r) {
    return new RouteView(
        r.id(),
        r.position(),
        r.pattern(),
        r.target(),
        r.e164() ? "e164" : null,
        r.region(),
        r.description());
  }
}
