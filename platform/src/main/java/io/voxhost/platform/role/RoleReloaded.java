package io.voxhost.platform.role;

import java.util.Optional;

/** One role's part in a node's reload: what it did, or why it failed (it kept what it had). */
public record RoleReloaded(String role, Reloaded reloaded, Optional<String> failure) {}
