package io.voxhost.platform.node;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.voxhost.platform.config.StartupFailure;
import io.voxhost.platform.config.VoxhostConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The configuration as it stands before Quarkus starts: the same sources in the same order (system
 * properties, environment, {@code config/application.properties}, {@code application.properties}),
 * read once to find the data directory and the database.
 */
public final class BootstrapConfig {

  private static final int LOCATIONS_ORDINAL = 255;

  private BootstrapConfig() {}

  public static SmallRyeConfig read() {
    return read(List.of());
  }

  /**
   * The same, with more mappings validated and available (the roles' {@code voxhost.<role>}
   * settings, for {@code voxhost check-config}).
   */
  public static SmallRyeConfig read(List<Class<?>> moreMappings) {
    String profile =
        System.getProperty(
            "quarkus.profile", System.getenv().getOrDefault("QUARKUS_PROFILE", "prod"));
    try {
      return new SmallRyeConfigBuilder()
          .forClassLoader(Thread.currentThread().getContextClassLoader())
          .addDefaultSources()
          .addPropertiesSources()
          .addDefaultInterceptors()
          .addDiscoveredConverters()
          .withSources(extraLocations())
          .withProfile(profile)
          .withConverter(Duration.class, 200, new DurationConverter())
          .withMapping(VoxhostConfig.class)
          .withCustomizers(builder -> moreMappings.forEach(builder::withMapping))
          .withValidateUnknown(false)
          .build();
    } catch (RuntimeException e) {
      throw StartupFailure.configuration(
          "configuration: " + e.getMessage().replaceAll("\\s+", " ").trim());
    }
  }

  /** The files of {@code quarkus.config.locations}, as Quarkus itself will read them. */
  private static List<ConfigSource> extraLocations() {
    String locations =
        System.getProperty(
            "quarkus.config.locations",
            System.getenv().getOrDefault("QUARKUS_CONFIG_LOCATIONS", ""));
    List<ConfigSource> sources = new ArrayList<>();
    for (String location : locations.split(",")) {
      if (location.isBlank()) {
        continue;
      }
      try {
        URI uri = URI.create(location.strip());
        URL url = uri.isAbsolute() ? uri.toURL() : Path.of(location.strip()).toUri().toURL();
        sources.add(new PropertiesConfigSource(url, LOCATIONS_ORDINAL));
      } catch (IOException | IllegalArgumentException e) {
        throw StartupFailure.configuration(
            "quarkus.config.locations: cannot read " + location.strip() + ": " + e.getMessage());
      }
    }
    return sources;
  }
}
