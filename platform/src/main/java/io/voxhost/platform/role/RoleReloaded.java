package io.voxhost.platform.role;

import java.util.Optional;

/**
 * One role's part in a node's reload: what it did, and why it or a part of it failed (that part
 * kept what it had).
 */
public record RoleReloaded(String role, Reloaded reloaded, Optional<String> failure) {}
