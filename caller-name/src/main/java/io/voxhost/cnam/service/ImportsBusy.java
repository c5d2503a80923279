package io.voxhost.cnam.service;

/**
 * As many directory imports run on this node as it lets run at once (each holds its parsed rows in
 * memory until they are written): the API answers 429 with Retry-After.
 */
public final class ImportsBusy extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ImportsBusy(String message) {
    super(message, null, false, false);
  }
}
