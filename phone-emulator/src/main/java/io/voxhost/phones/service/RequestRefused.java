package io.voxhost.phones.service;

/** A node's API refused a request, or could not be asked: its kind, as the report counts it. */
public final class RequestRefused extends RuntimeException {

  private final String kind;

  public RequestRefused(String kind) {
    super(kind, null, false, false);
    this.kind = kind;
  }

  public String kind() {
    return kind;
  }
}
