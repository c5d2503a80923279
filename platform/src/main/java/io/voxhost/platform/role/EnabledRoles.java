package io.voxhost.platform.role;

import io.voxhost.platform.config.StartupFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The roles this node runs, resolved from {@code voxhost.roles} against the roles on the class
 * path.
 */
public final class EnabledRoles {

  static final String ALL = "all";

  private final List<Role> roles;

  private EnabledRoles(List<Role> roles) {
    this.roles = List.copyOf(roles);
  }

  /**
   * @param requested the configured names; {@code all} (alone) or empty means every known role
   * @param available the role beans present in this build
   * @throws StartupFailure when a name is unknown or listed twice
   */
  public static EnabledRoles resolve(Collection<String> requested, Collection<Role> available) {
    Map<String, Role> known = new TreeMap<>();
    for (Role role : available) {
      known.put(role.name(), role);
    }
    Set<String> names = new LinkedHashSet<>();
    for (String raw : requested) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    if (names.isEmpty() || names.equals(Set.of(ALL))) {
      return new EnabledRoles(new ArrayList<>(known.values()));
    }
    List<Role> chosen = new ArrayList<>();
    for (String name : names) {
      Role role = known.get(name);
      if (role == null) {
        throw StartupFailure.configuration(
            "voxhost.roles: unknown role '"
                + name
                + "'; known roles: "
                + (known.isEmpty() ? "none in this build" : String.join(", ", known.keySet()))
                + " (or 'all')");
      }
      chosen.add(role);
    }
    return new EnabledRoles(chosen);
  }

  public List<Role> roles() {
    return roles;
  }

  public List<String> names() {
    return roles.stream().map(Role::name).toList();
  }

  public boolean isEnabled(String name) {
    return roles.stream().anyMatch(role -> role.name().equals(name));
  }
}
