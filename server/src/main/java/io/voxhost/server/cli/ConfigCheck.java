package io.voxhost.server.cli;

import io.smallrye.config.ConfigMappings;
import io.smallrye.config.PropertyNamesMatcher;
import io.smallrye.config.SmallRyeConfig;
import io.voxhost.cnam.service.CnamSettings;
import io.voxhost.media.MediaConfig;
import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.net.OutboundConfig;
import io.voxhost.platform.node.BootstrapConfig;
import io.voxhost.platform.role.EnabledRoles;
import io.voxhost.platform.role.RoleSettings;
import io.voxhost.recording.service.RecordingSettings;
import io.voxhost.sip.service.SipSettings;
import io.voxhost.tftp.service.TftpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a start would refuse in the configuration, found without starting anything: the values every
 * mapping converts (as Quarkus validates them at boot), the role list, the data directory, and the
 * checks each enabled role makes when it starts (its {@link RoleSettings}, which the role's own
 * classes call with the same words). Nothing is created, locked or bound, so it runs beside a
 * running node. Each problem is one line that names its key.
 */
final class ConfigCheck {

  /** The roles of this build, by name. */
  private static final Map<String, RoleSettings> ROLES =
      Map.of(
          SipSettings.ROLE, new SipSettings(),
          TftpSettings.ROLE, new TftpSettings(),
          RecordingSettings.ROLE, new RecordingSettings(),
          CnamSettings.ROLE, new CnamSettings());

  /** Every mapping of this build but the platform's {@link VoxhostConfig}, which is read anyway. */
  private static final List<Class<?>> MAPPINGS = mappings();

  private ConfigCheck() {}

  /**
   * @throws StartupFailure naming the first setting a start would refuse
   */
  static CheckedConfig run() {
    SmallRyeConfig config = read();
    VoxhostConfig voxhost = config.getConfigMapping(VoxhostConfig.class);
    List<RoleSettings> roles = EnabledRoles.select(voxhost.roles(), ROLES);
    Path dataDir = voxhost.dataDir().toAbsolutePath().normalize();
    requireWritableDirectory("voxhost.data-dir", dataDir);
    QUARKUS_KEYS.forEach((key, type) -> convert(config, key, type));
    for (RoleSettings role : roles) {
      try {
        role.check(config);
      } catch (IllegalArgumentException e) {
        throw StartupFailure.configuration(e.getMessage());
      }
      role.directories(config).forEach(ConfigCheck::requireWritableDirectory);
    }
    if (roles.stream().anyMatch(role -> role.role().equals(RecordingSettings.ROLE))) {
      // The media library the recording role loads; the library module is no role of its own.
      config
          .getConfigMapping(MediaConfig.class)
          .libraryDir()
          .ifPresent(d -> requireWritableDirectory("voxhost.media.library-dir", d));
    }
    return new CheckedConfig(
        roles.stream().map(RoleSettings::role).toList(), dataDir, unknownKeys(config));
  }

  /**
   * Quarkus settings an admin sets for a node (the unit's env files name them), converted as
   * Quarkus would at boot: a wrong one stops a start with 78 as well.
   */
  private static final Map<String, Class<?>> QUARKUS_KEYS =
      new TreeMap<>(
          Map.of(
              "quarkus.http.port", Integer.class,
              "quarkus.http.ssl-port", Integer.class,
              "quarkus.shutdown.timeout", Duration.class));

  private static void convert(SmallRyeConfig config, String key, Class<?> type) {
    try {
      Optional<?> value = config.getOptionalValue(key, type);
      if (value.orElse(null) instanceof Integer port && (port < 0 || port > 65535)) {
        throw new IllegalArgumentException("not a port");
      }
    } catch (IllegalArgumentException | NoSuchElementException e) {
      throw StartupFailure.configuration(
          key
              + " = \""
              + config.getConfigValue(key).getValue()
              + "\": "
              + (e.getMessage() != null ? e.getMessage() : "not a valid " + type.getSimpleName())
                  .replaceAll("SRCFG\\d+: ", "")
                  .replaceAll(".*threw an Exception whilst being converted ", ""));
    }
  }

  private static List<Class<?>> mappings() {
    List<Class<?>> mappings = new ArrayList<>();
    mappings.add(OutboundConfig.class);
    mappings.add(MediaConfig.class);
    new TreeMap<>(ROLES).values().forEach(role -> mappings.addAll(role.mappings()));
    return List.copyOf(mappings);
  }

  /**
   * {@code voxhost.*} keys that no mapping knows: the node ignores them, so a misspelt key would go
   * unseen. Only dotted names (files, {@code -D}): environment variables match names loosely, and
   * the launcher has variables of its own ({@code VOXHOST_APP_DIR}) that are no settings.
   */
  static List<String> unknownKeys(SmallRyeConfig config) {
    List<ConfigMappings.ConfigClass> classes = new ArrayList<>();
    classes.add(ConfigMappings.ConfigClass.configClass(VoxhostConfig.class));
    MAPPINGS.forEach(mapping -> classes.add(ConfigMappings.ConfigClass.configClass(mapping)));
    PropertyNamesMatcher known = ConfigMappings.propertyNamesMatcher(classes);
    List<String> unknown = new ArrayList<>();
    for (String name : config.getPropertyNames()) {
      if (name.startsWith("voxhost.") && !known.matches(name) && !fromEnvironment(config, name)) {
        unknown.add(name);
      }
    }
    Collections.sort(unknown);
    return unknown;
  }

  /** SmallRye lists a variable such as VOXHOST_APP_DIR under a dotted name too: not a typo. */
  private static boolean fromEnvironment(SmallRyeConfig config, String name) {
    String source = config.getConfigValue(name).getSourceName();
    return source != null && source.startsWith("EnvConfigSource");
  }

  private static SmallRyeConfig read() {
    try {
      return BootstrapConfig.read(MAPPINGS);
    } catch (StartupFailure e) {
      throw StartupFailure.configuration(oneLine(e.getMessage()));
    }
  }

  /**
   * SmallRye's message lists its problems after a heading, each with a code; the key and the
   * converter's reason are what an admin needs.
   */
  static String oneLine(String message) {
    String text =
        message
            .replaceFirst("^configuration: ", "")
            .replaceAll("\\s+", " ")
            .replaceFirst("^Configuration validation failed: ?", "");
    List<String> problems = new ArrayList<>();
    for (String problem : text.split("(?:^|\\s)(?:[\\w$]+\\.)*\\w*Exception: ")) {
      String clean =
          problem
              .replaceAll("SRCFG\\d+: ", "")
              .replaceAll(
                  "The config property (\\S+) with the config value (\".*?\") threw an Exception"
                      + " whilst being converted ",
                  "$1 = $2: ")
              .strip();
      if (!clean.isEmpty()) {
        problems.add(clean);
      }
    }
    return "invalid configuration: " + String.join("; ", problems);
  }

  /**
   * A directory the node would use or create: if it exists it must be a writable directory, else
   * its nearest existing parent must be, so that the node can create it.
   */
  static void requireWritableDirectory(String key, Path configured) {
    Path path = configured.toAbsolutePath().normalize();
    if (Files.exists(path)) {
      if (!Files.isDirectory(path)) {
        throw StartupFailure.configuration(key + " " + path + " is not a directory");
      }
      if (!Files.isWritable(path)) {
        throw StartupFailure.configuration(key + " " + path + " is not writable (set " + key + ")");
      }
      return;
    }
    Path parent = path.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw StartupFailure.configuration(
          key
              + " "
              + path
              + " cannot be created: "
              + parent
              + " is not writable (set "
              + key
              + ")");
    }
  }

  /** A configuration a start would accept, as far as can be known without starting. */
  record CheckedConfig(List<String> roles, Path dataDir, List<String> unknownKeys) {}
}
