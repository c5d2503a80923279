package io.voxhost.platform.service;

/** A write would break a uniqueness rule; {@link #field()} names the clashing field. */
public final class ResourceConflict extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String field;

  public ResourceConflict(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
