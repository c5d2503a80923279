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
   * @throws StartupFailure when a name is unknown
   */
  public static EnabledRoles resolve(Collection<String> requested, Collection<Role> available) {
    Map<String, Role> known = new TreeMap<>();
    for (Role role : available) {
      known.put(role.name(), role);
    }
    return new EnabledRoles(select(requested, known));
  }

  /**
   * The entries of {@code known} (by role name) that {@code voxhost.roles} names, in its order; the
   * same reading for the node and for {@code voxhost check-config}.
   *
   * @param requested the configured names; {@code all} (alone) or empty means every known role
   * @throws StartupFailure when a name is unknown
   */
  public static <T> List<T> select(Collection<String> requested, Map<String, T> known) {
    Set<String> names = new LinkedHashSet<>();
    for (String raw : requested) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    if (names.isEmpty() || names.equals(Set.of(ALL))) {
      return List.copyOf(new TreeMap<>(known).values());
    }
    List<T> chosen = new ArrayList<>();
    for (String name : names) {
      T role = known.get(name);
      if (role == null) {
        throw StartupFailure.configuration(
            "voxhost.roles: unknown role '"
                + name
                + "'; known roles: "
                + (known.isEmpty()
                    ? "none in this build"
                    : String.join(", ", new TreeMap<>(known).keySet()))
                + " (or 'all')");
      }
      chosen.add(role);
    }
    return List.copyOf(chosen);
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
