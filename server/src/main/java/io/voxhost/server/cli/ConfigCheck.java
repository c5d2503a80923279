package io.voxhost.server.cli;

import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.PropertyNamesMatcher;
import io.smallrye.config.SmallRyeConfig;
import io.voxhost.media.MediaConfig;
import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.limits.FailureLimiter;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.net.ListenAddress;
import io.voxhost.platform.net.OutboundConfig;
import io.voxhost.platform.node.BootstrapConfig;
import io.voxhost.recording.RecordingConfig;
import io.voxhost.sip.SipConfig;
import io.voxhost.sip.service.DigestAlgorithm;
import io.voxhost.sip.service.RegistrarPolicy;
import io.voxhost.tftp.TftpConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a start would refuse in the configuration, found without starting anything: the values every
 * mapping converts (as Quarkus validates them at boot), the role list, the data directory, and the
 * checks each enabled role makes when it starts. Nothing is created, locked or bound, so it runs
 * beside a running node. Each problem is one line that names its key.
 *
 * <p>The roles' own checks live in their services and run at their start; the few repeated here
 * keep their wording. A role that gains a check at start should gain it here too.
 */
final class ConfigCheck {

  /** The roles of this build and what each checks; sorted by name as the node lists them. */
  private static final SortedMap<String, Consumer<SmallRyeConfig>> ROLES =
      Collections.unmodifiableSortedMap(
          new TreeMap<>(
              Map.of(
                  "sip", ConfigCheck::checkSip,
                  "tftp", ConfigCheck::checkTftp,
                  "recording", ConfigCheck::checkRecording)));

  private ConfigCheck() {}

  /**
   * @throws StartupFailure naming the first setting a start would refuse
   */
  static CheckedConfig run() {
    SmallRyeConfig config = read();
    VoxhostConfig voxhost = config.getConfigMapping(VoxhostConfig.class);
    List<String> roles = roles(voxhost.roles());
    Path dataDir = voxhost.dataDir().toAbsolutePath().normalize();
    requireWritableDirectory("voxhost.data-dir", dataDir);
    for (String role : roles) {
      try {
        ROLES.get(role).accept(config);
      } catch (IllegalArgumentException e) {
        throw new StartupFailure(e.getMessage());
      }
    }
    return new CheckedConfig(roles, dataDir, unknownKeys(config));
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
      if (name.startsWith("voxhost.") && !known.matches(name)) {
        unknown.add(name);
      }
    }
    Collections.sort(unknown);
    return unknown;
  }

  /** Every mapping of this build but the platform's {@link VoxhostConfig}, which is read anyway. */
  private static final List<Class<?>> MAPPINGS =
      List.of(
          OutboundConfig.class,
          SipConfig.class,
          TftpConfig.class,
          RecordingConfig.class,
          MediaConfig.class);

  private static SmallRyeConfig read() {
    try {
      return BootstrapConfig.read(MAPPINGS);
    } catch (StartupFailure e) {
      throw new StartupFailure(oneLine(e.getMessage()));
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

  /** As the node resolves {@code voxhost.roles}, with the same message for an unknown name. */
  static List<String> roles(List<String> requested) {
    Set<String> names = new LinkedHashSet<>();
    for (String raw : requested) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    if (names.isEmpty() || names.equals(Set.of("all"))) {
      return List.copyOf(ROLES.keySet());
    }
    List<String> chosen = new ArrayList<>();
    for (String name : names) {
      if (!ROLES.containsKey(name)) {
        throw new StartupFailure(
            "voxhost.roles: unknown role '"
                + name
                + "'; known roles: "
                + String.join(", ", ROLES.keySet())
                + " (or 'all')");
      }
      chosen.add(name);
    }
    return List.copyOf(chosen);
  }

  private static void checkSip(SmallRyeConfig config) {
    SipConfig sip = config.getConfigMapping(SipConfig.class);
    sip.listen().single("voxhost.sip.listen");
    for (String transport : sip.transports()) {
      String name = transport.strip().toLowerCase(Locale.ROOT);
      if (!name.equals("udp") && !name.equals("tcp")) {
        throw new IllegalArgumentException(
            "voxhost.sip.transports: '" + transport + "' is not udp or tcp");
      }
    }
    SipConfig.Registrar registrar = sip.registrar();
    new RegistrarPolicy(
        registrar.defaultExpires(),
        registrar.minExpires(),
        registrar.maxExpires(),
        registrar.maxContacts(),
        registrar.contactLimitPolicy());
    SipConfig.Auth auth = sip.auth();
    if (auth.algorithms().stream().map(String::strip).noneMatch(s -> !s.isEmpty())) {
      throw new IllegalArgumentException("voxhost.sip.auth.algorithms: name at least one");
    }
    for (String name : auth.algorithms()) {
      if (name.isBlank() || DigestAlgorithm.fromToken(name.strip()).isEmpty()) {
        throw new IllegalArgumentException(
            "voxhost.sip.auth.algorithms: '" + name + "' is not MD5 or SHA-256");
      }
    }
    auth.md5OnlyUserAgents().filter(r -> !r.isBlank()).ifPresent(ConfigCheck::compiles);
    if (auth.maxSourceFailures() < 1) {
      throw new IllegalArgumentException("voxhost.sip.auth.max-source-failures must be at least 1");
    }
    new FailureLimiter(
        "voxhost.sip.auth", auth.maxFailures(), auth.failureWindow(), 1, Ticker.systemTicker());
  }

  private static void compiles(String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "voxhost.sip.auth.md5-only-user-agents: not a regular expression: " + e.getDescription());
    }
  }

  private static void checkTftp(SmallRyeConfig config) {
    TftpConfig tftp = config.getConfigMapping(TftpConfig.class);
    tftp.listen().single("voxhost.tftp.listen");
    tftp.root().ifPresent(root -> requireWritableDirectory("voxhost.tftp.root", root));
    tftp.vendorCas().ifPresent(ConfigCheck::requireCertificates);
    tftp.sipServer()
        .filter(server -> server.lastIndexOf(':') > server.lastIndexOf(']'))
        .ifPresent(server -> ListenAddress.parse(server).single("voxhost.tftp.sip-server"));
    TftpConfig.FetchLimit limit = tftp.fetchLimit();
    if (limit.ban().isNegative() || limit.ban().isZero()) {
      throw new IllegalArgumentException("voxhost.tftp.fetch-limit.ban must be positive");
    }
    new FailureLimiter(
        "voxhost.tftp.fetch-limit",
        limit.maxFailures(),
        limit.window(),
        limit.maxSources(),
        Ticker.systemTicker());
    for (String cidr : limit.exempt().orElse(List.of())) {
      try {
        IpNetwork.parse(cidr);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "voxhost.tftp.fetch-limit.exempt: '" + cidr + "': " + e.getMessage(), e);
      }
    }
  }

  private static void requireCertificates(Path bundle) {
    try (InputStream in = Files.newInputStream(bundle)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new IllegalArgumentException(
            "voxhost.tftp.vendor-cas: " + bundle + " holds no certificate");
      }
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("voxhost.tftp.vendor-cas: " + bundle + " does not exist");
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "voxhost.tftp.vendor-cas: " + bundle + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static void checkRecording(SmallRyeConfig config) {
    RecordingConfig recording = config.getConfigMapping(RecordingConfig.class);
    if (recording.listen().port() < 1) {
      throw new IllegalArgumentException(
          "voxhost.recording.listen needs real ports (host:first-last), not port 0");
    }
    double percent = recording.freeSpaceFloor().percent();
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "voxhost.recording.free-space-floor.percent must be 0 to 100, not " + percent);
    }
    long bytes = recording.freeSpaceFloor().bytes();
    if (bytes < 0) {
      throw new IllegalArgumentException(
          "voxhost.recording.free-space-floor.bytes must be 0 or more, not " + bytes);
    }
    recording
        .directory()
        .ifPresent(directory -> requireWritableDirectory("voxhost.recording.directory", directory));
    config
        .getConfigMapping(MediaConfig.class)
        .libraryDir()
        .ifPresent(directory -> requireWritableDirectory("voxhost.media.library-dir", directory));
  }

  /**
   * A directory the node would use or create: if it exists it must be a writable directory, else
   * its nearest existing parent must be, so that the node can create it.
   */
  static void requireWritableDirectory(String key, Path configured) {
    Path path = configured.toAbsolutePath().normalize();
    if (Files.exists(path)) {
      if (!Files.isDirectory(path)) {
        throw new StartupFailure(key + " " + path + " is not a directory");
      }
      if (!Files.isWritable(path)) {
        throw new StartupFailure(key + " " + path + " is not writable (set " + key + ")");
      }
      return;
    }
    Path parent = path.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new StartupFailure(
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
