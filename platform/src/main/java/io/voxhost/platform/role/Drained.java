package io.voxhost.platform.role;

/**
 * What a role's drain left: {@code complete} when everything it had taken finished before the
 * deadline; {@code detail} says what finished or what did not ("3 transfers still running").
 */
public record Drained(boolean complete, String detail) {

  public static Drained complete(String detail) {
    return new Drained(true, detail);
  }

  public static Drained unfinished(String detail) {
    return new Drained(false, detail);
  }
}
