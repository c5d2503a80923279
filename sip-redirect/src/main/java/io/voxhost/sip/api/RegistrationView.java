package io.voxhost.sip.api;

import io.voxhost.sip.service.Binding;
import java.time.Instant;
import java.util.List;

/** One live binding as the registrations API shows it. */
public record RegistrationView(
    String aor,
    String contact,
    double q,
    Instant expiresAt,
    long expiresIn,
    String callId,
    long cseq,
    String userAgent,
    List<String> path,
    String instanceId,
    Integer regId,
    String source,
    String transport,
    Instant updatedAt) {

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
