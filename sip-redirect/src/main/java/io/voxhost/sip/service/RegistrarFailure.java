package io.voxhost.sip.service;

/** Each way a REGISTER can be refused, with the one SIP status and reason it maps to. */
public enum RegistrarFailure {
  INTERVAL_TOO_BRIEF(423, "Interval Too Brief"),
  INVALID_WILDCARD(400, "Invalid Contact: * needs Expires: 0 and no other Contact"),
  INVALID_EXPIRES(400, "Invalid Expires"),
  OUT_OF_ORDER(500, "Out of Order CSeq for This Call-ID"),
  TOO_MANY_CONTACTS(503, "Too Many Registered Contacts");

  private final int status;
  private final String reason;

  RegistrarFailure(int status, String reason) {
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
