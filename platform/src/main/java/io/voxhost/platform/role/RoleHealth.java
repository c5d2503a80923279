package io.voxhost.platform.role;

/** A role's readiness and a short human detail such as its listening address. */
public record RoleHealth(boolean ready, String detail) {

  public static RoleHealth ready(String detail) {
    return new RoleHealth(true, detail);
  }

  public static RoleHealth notReady(String detail) {
    return new RoleHealth(false, detail);
  }
}
