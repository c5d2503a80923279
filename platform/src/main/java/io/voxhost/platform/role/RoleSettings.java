package io.voxhost.platform.role;

import io.smallrye.config.SmallRyeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a role checks in its settings before it starts, without starting: {@code voxhost
 * check-config} runs it for each enabled role, and the role's own classes call the same checks when
 * they take their settings, so both refuse a value with the same one line naming its key.
 */
public interface RoleSettings {

  /** The role's name in {@code voxhost.roles}. */
  String role();

  /** The role's {@code @ConfigMapping} interfaces, to be read and converted before the check. */
  List<Class<?>> mappings();

  /**
   * Checks what the mappings' conversion cannot: ranges, lists, files that must hold something.
   *
   * @throws IllegalArgumentException naming the key, as the role's start would
   */
  void check(SmallRyeConfig config);

  /**
   * The directories the role writes to or creates, by setting key; the caller checks they are (or
   * can be made) writable directories.
   */
  Map<String, Path> directories(SmallRyeConfig config);
}
