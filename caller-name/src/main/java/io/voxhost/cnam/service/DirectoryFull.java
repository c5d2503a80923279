package io.voxhost.cnam.service;

import io.voxhost.platform.service.ResourceConflict;

/** A write that would make a directory hold more than {@code directory.max-entries}. */
public final class DirectoryFull {

  private DirectoryFull() {}

  /** The API answers it 409, naming the limit; nothing was written. */
  public static ResourceConflict of(int maxEntries, long wouldHold) {
    return new ResourceConflict(
        "number",
        "the directory may hold at most "
            + maxEntries
            + " entries (voxhost.cnam.directory.max-entries); this write would make it "
            + wouldHold
            + ": nothing was written");
  }
}
