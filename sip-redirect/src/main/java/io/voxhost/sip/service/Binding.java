package io.voxhost.sip.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One registered contact of an address-of-record and everything the registrar learned with it.
 *
 * @param contactUri the URI to redirect to, as the phone sent it
 * @param contactKey the URI in comparable form: the same device re-registering has the same key
 * @param qMillis preference in thousandths (q=0.5 is 500); absent q counts as 1.0
 * @param path the Path header values (RFC 3327), outermost first
 * @param instanceId the {@code +sip.instance} of RFC 5626, or null
 * @param regId the {@code reg-id} of RFC 5626, or null
 * @param source where the REGISTER came from ({@code received}/{@code rport}), host:port
 * @param transport udp or tcp
 */
public record Binding(
    AddressOfRecord aor,
    String contactUri,
    String contactKey,
    int qMillis,
    Instant expiresAt,
    String callId,
    long cseq,
    String userAgent,
    List<String> path,
    String instanceId,
    Integer regId,
    String source,
    String transport,
    Instant updatedAt) {

  public Binding {
    path = List.copyOf(path);
  }

  public boolean isLiveAt(Instant now) {
    return expiresAt.isAfter(now);
  }

  /** Whole seconds left, rounded up so that a live binding never shows 0. */
  public long remainingSeconds(Instant now) {
    long millis = Duration.between(now, expiresAt).toMillis();
    return Math.max(0, (millis + 999) / 1000);
  }

  /** The same device: same RFC 5626 instance (and reg-id), or the same contact URI. */
  boolean sameDeviceAs(ContactSpec contact) {
    if (instanceId != null && instanceId.equals(contact.instanceId())) {
      return regId == null || contact.regId() == null || regId.equals(contact.regId());
    }
    return contactKey.equals(contact.key());
  }
}
