package io.voxhost.platform.role;

import java.util.List;
import java.util.Set;

/**
 * What a role's reload did: the things it read again ({@code "tftp templates"}), for the node's log
 * and status line, and the changed settings it applied, which therefore need no restart.
 */
public record Reloaded(List<String> what, Set<String> applied) {

  public Reloaded {
    what = List.copyOf(what);
    applied = Set.copyOf(applied);
  }

  /** A role with nothing to read again. */
  public static Reloaded nothing() {
    return new Reloaded(List.of(), Set.of());
  }
}
