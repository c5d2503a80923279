package io.voxhost.sip.service;

/**
 * Each way a request to be redirected can be refused, with the one SIP status and reason it maps
 * to. The {@link Redirector} refuses with {@link #UNKNOWN_USER} and {@link #UNAVAILABLE}; the
 * others show while the request is read or the 302 is written. 480 and 483 keep JAIN-SIP's default
 * reason phrases, which is what these answers said before they had an enum.
 */
public enum RedirectFailure {
  /** Max-Forwards is 0: the request went round a loop or too far. */
  TOO_MANY_HOPS(483, "Too many hops"),
  /**
   * A caller that must authenticate (not a trusted peer, or auth-invite) must be someone: a From
   * without a SIP user names no one.
   */
  CALLER_NOT_A_SIP_USER(403, "From Must Be a SIP URI With a User"),
  /** A caller that must authenticate must be a subscriber of a tenant: its From domain's. */
  CALLER_DOMAIN_NOT_SERVED(403, "Caller Domain Not Served"),
  /** The Request-URI's domain is no tenant's. */
  DOMAIN_NOT_SERVED(404, "Domain Not Served"),
  /**
   * No subscriber and no binding by that name; also what a caller authenticated in another tenant
   * gets for every user, so that it cannot tell which exist.
   */
  UNKNOWN_USER(404, "User Not Found"),
  /** A subscriber with nothing registered now. */
  UNAVAILABLE(480, "Temporarily Unavailable"),
  /** The dial plan's target, once its groups were filled in, is no SIP address. */
  ROUTE_TARGET_INVALID(500, "Route Target Invalid");

  private final int status;
  private final String reason;

  RedirectFailure(int status, String reason) {
    this.status = status;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }
}
