package io.voxhost.platform.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The configuration files a node was started with, read again. The running configuration keeps what
 * its sources held at start; this rebuilds it from the same sources in the same order, with every
 * properties file on disk ({@code QUARKUS_CONFIG_LOCATIONS}, {@code config/application.properties})
 * read afresh. The environment and system properties cannot change for a running process, and files
 * inside the application jar do not change: those sources are kept as they are.
 */
public final class ConfigFiles {

  /** How SmallRye names a properties file source: {@code PropertiesConfigSource[source=<url>]}. */
  private static final Pattern FILE_SOURCE =
      Pattern.compile("^PropertiesConfigSource\\[source=(file:.+)]$");

  private static final Pattern PROFILED = Pattern.compile("^%[^.]+\\.");

  private final SmallRyeConfig running;

  public ConfigFiles(SmallRyeConfig running) {
    this.running = running;
  }

  /** The files read again, in the order of the running configuration's sources. */
  public List<Path> files() {
    List<Path> files = new ArrayList<>();
    for (ConfigSource source : running.getConfigSources()) {
      fileOf(source).ifPresent(files::add);
    }
    return files;
  }

  /**
   * The configuration with each file source read again at its own ordinal.
   *
   * @throws IllegalArgumentException naming the file, when one cannot be read
   */
  public SmallRyeConfig reread() {
    List<ConfigSource> sources = new ArrayList<>();
    for (ConfigSource source : running.getConfigSources()) {
      Optional<Path> file = fileOf(source);
      if (file.isEmpty()) {
        sources.add(source);
        continue;
      }
      if (!Files.isRegularFile(file.get())) {
        // Gone since start: its keys are no longer set, as at a restart.
        continue;
      }
      try {
        URL url = file.get().toUri().toURL();
        sources.add(new PropertiesConfigSource(url, source.getOrdinal()));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException(
            "configuration file " + file.get() + " cannot be read: " + e.getMessage(), e);
      }
    }
    return new SmallRyeConfigBuilder()
        .withProfiles(running.getProfiles())
        .addDefaultInterceptors()
        .withSources(sources)
        .build();
  }

  /**
   * The keys whose values differ between two configurations, among those a file source of either
   * sets (only a file can have changed).
   */
  public static Set<String> changed(SmallRyeConfig before, SmallRyeConfig after) {
    Set<String> keys = new HashSet<>();
    fileKeys(before, keys);
    fileKeys(after, keys);
    Set<String> changed = new HashSet<>();
    for (String key : keys) {
      if (!Objects.equals(value(before, key), value(after, key))) {
        changed.add(key);
      }
    }
    return changed;
  }

  private static void fileKeys(SmallRyeConfig config, Set<String> keys) {
    for (ConfigSource source : config.getConfigSources()) {
      if (fileOf(source).isPresent()) {
        for (String name : source.getPropertyNames()) {
          if (!name.equals(ConfigSource.CONFIG_ORDINAL)) {
            keys.add(PROFILED.matcher(name).replaceFirst(""));
          }
        }
      }
    }
  }

  /** The value as the application sees it; a broken expression is a value of its own. */
  private static String value(SmallRyeConfig config, String key) {
    try {
      return config.getConfigValue(key).getValue();
    } catch (RuntimeException e) {
      return "(invalid: " + e.getMessage() + ")";
    }
  }

  private static Optional<Path> fileOf(ConfigSource source) {
    String name = source.getName();
    if (name != null) {
      Matcher m = FILE_SOURCE.matcher(name);
      if (m.matches()) {
        try {
          return Optional.of(Path.of(URI.create(m.group(1))));
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
