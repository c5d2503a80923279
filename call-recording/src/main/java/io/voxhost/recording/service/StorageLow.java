package io.voxhost.recording.service;

/**
 * The recordings volume is below its free-space floor, or the request would take it there: the API
 * answers 507 Insufficient Storage. Nothing was written.
 */
public final class StorageLow extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StorageLow(String message) {
    super(message, null, false, false);
  }
}
