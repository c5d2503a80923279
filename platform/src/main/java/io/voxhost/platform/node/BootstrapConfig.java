package io.voxhost.platform.node;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.voxhost.platform.config.VoxhostConfig;
import java.time.Duration;

/**
 * The configuration as it stands before Quarkus starts: the same sources in the same order (system
 * properties, environment, {@code config/application.properties}, {@code application.properties}),
 * read once to find the data directory and the database.
 */
public final class BootstrapConfig {

  private BootstrapConfig() {}

  public static SmallRyeConfig read() {
    String profile =
        System.getProperty(
            "quarkus.profile", System.getenv().getOrDefault("QUARKUS_PROFILE", "prod"));
    try {
      return new SmallRyeConfigBuilder()
          .forClassLoader(Thread.currentThread().getContextClassLoader())
          .addDefaultSources()
          .addPropertiesSources()
          .addDefaultInterceptors()
          .withProfile(profile)
          .withConverter(Duration.class, 200, new DurationConverter())
          .withMapping(VoxhostConfig.class)
          .withValidateUnknown(false)
          .build();
    } catch (RuntimeException e) {
      throw new StartupFailure("configuration: " + e.getMessage().replaceAll("\\s+", " ").trim());
    }
  }
}
