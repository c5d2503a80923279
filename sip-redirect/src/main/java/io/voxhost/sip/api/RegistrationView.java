package io.voxhost.sip.api;

import io.voxhost.sip.service.Binding;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One live binding as the registrations API shows it. */
@Schema(description = "One live binding: a contact a phone registered for an address-of-record")
public record RegistrationView(
    @Schema(description = "The address-of-record, sip:user@domain") String aor,
    @Schema(description = "The Contact URI calls are redirected to, as the phone sent it")
        String contact,
    @Schema(description = "Preference from the Contact's q parameter, 0 to 1; 1 when absent")
        double q,
    @Schema(description = "When the binding expires unless the phone registers again")
        Instant expiresAt,
    @Schema(description = "Whole seconds until it expires, rounded up") long expiresIn,
    @Schema(description = "Call-ID of the REGISTER that made or last refreshed it") String callId,
    @Schema(description = "CSeq number of that REGISTER") long cseq,
    @Schema(description = "User-Agent of that REGISTER") String userAgent,
    @Schema(description = "Path header values (RFC 3327), outermost first") List<String> path,
    @Schema(description = "The +sip.instance of RFC 5626, or null") String instanceId,
    @Schema(description = "The reg-id of RFC 5626, or null") Integer regId,
    @Schema(description = "Where the REGISTER came from (received and rport), host:port")
        String source,
    @Schema(description = "Transport it came over: udp or tcp") String transport,
    @Schema(description = "When the binding was last written") Instant updatedAt) {

  static RegistrationView of(Binding b, Instant now) {
    return new RegistrationView(
        b.aor().toString(),
        b.contactUri(),
        b.qMillis() / 1000.0,
        b.expiresAt(),
        b.remainingSeconds(now),
        b.callId(),
        b.cseq(),
        b.userAgent(),
        b.path(),
        b.instanceId(),
        b.regId(),
        b.source(),
        b.transport(),
        b.updatedAt());
  }
}
