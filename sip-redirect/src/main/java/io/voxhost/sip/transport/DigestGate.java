package io.voxhost.sip.transport;

import io.voxhost.sip.service.AuthDecision;
import io.voxhost.sip.service.AuthenticationService;
import io.voxhost.sip.service.SipTenant;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Digest authentication in SIP terms: reads a request's credentials for the tenant's realm, asks
 * the {@link AuthenticationService}, and turns a challenge into a 401 and a refusal into a 403.
 * REGISTER authenticates its To user here, a redirected request under {@code auth-invite} its From
 * user.
 */
final class DigestGate {

  private final AuthenticationService authentication;
  private final SipResponses responses;

  DigestGate(AuthenticationService authentication, SipResponses responses) {
    this.authentication = authentication;
    this.responses = responses;
  }

  /**
   * Empty when the request may go on; else the 401 or 403 to send.
   *
   * @param identity the user the request speaks for, who must be the one authenticating
   */
  Optional<Response> refusal(Request request, SipTenant tenant, String identity, Instant now)
      throws ParseException {
    AuthDecision decision =
        authentication.check(
            tenant,
            identity,
            SipRequests.credentials(request, tenant.domain()),
            request.getMethod(),
            SipRequests.sourceHost(request),
            SipRequests.userAgent(request),
            now);
    if (decision instanceof AuthDecision.Challenge c) {
      return Optional.of(
          responses.challenge(request, c.realm(), c.nonce(), c.stale(), c.algorithms()));
    }
    if (decision instanceof AuthDecision.Refused r) {
      return Optional.of(responses.create(request, Response.FORBIDDEN, r.reason()));
    }
    return Optional.empty();
  }
}
