package io.voxhost.sip.transport;

/** A request we can answer but not accept: 400 with this reason phrase. */
final class BadRequest extends Exception {

  private static final long serialVersionUID = 1L;

  BadRequest(String reason) {
    super(reason, null, false, false);
  }
}
