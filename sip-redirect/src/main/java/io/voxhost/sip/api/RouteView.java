package io.voxhost.sip.api;

import io.voxhost.sip.service.DialRule;
import java.util.UUID;

/** A dial-plan rule as the API shows it. */
public record RouteView(
    UUID id,
    int position,
    String pattern,
    String target,
    String normalize,
    String region,
    String description) {

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
