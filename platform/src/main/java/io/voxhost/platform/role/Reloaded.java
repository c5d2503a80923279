package io.voxhost.platform.role;

import java.util.List;
import java.util.Set;

/**
 * What a role's reload did: the things it read again ({@code "tftp templates"}), for the node's log
 * and status line, the changed settings it applied, which therefore need no restart, and the parts
 * that failed ({@code "tftp devices: database unavailable"}). A role applies each part on its own,
 * so that a database that is away does not keep a changed rate limit from applying.
 */
public record Reloaded(List<String> what, Set<String> applied, List<String> failed) {

  public Reloaded {
    what = List.copyOf(what);
    applied = Set.copyOf(applied);
    failed = List.copyOf(failed);
  }

  public Reloaded(List<String> what, Set<String> applied) {
    this(what, applied, List.of());
  }

  /** A role with nothing to read again. */
  public static Reloaded nothing() {
    return new Reloaded(List.of(), Set.of());
  }
}
