package io.voxhost.media.service;

import io.voxhost.media.MediaConfig;
import io.voxhost.media.api.MediaLibrary;
import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Chooses the implementation once, when a role first asks for it: only a node that records ever
 * loads native code. {@code voxhost_media_native} is 1 when the C library serves, 0 for the Java
 * twin.
 */
@ApplicationScoped
public class MediaLibraries {

  private static final Logger LOG = Logger.getLogger(MediaLibraries.class);

  private final MediaConfig config;
  private final Path directory;
  private final Meters registry;
  private volatile MediaLibrary active;

  MediaLibraries(MediaConfig config, VoxhostConfig node, Meters registry) {
    this.config = config;
    this.directory = config.libraryDir().orElse(node.dataDir().resolve("native"));
    this.registry = registry;
  }

  /** The implementation in use, chosen and loaded on the first call. */
  public synchronized MediaLibrary active() {
    if (active == null) {
      active = choose();
      MediaLibrary chosen = active;
      registry.gauge(
          MeterName.of("media", "native"),
          "1 when the native media library serves, 0 for the Java twin",
          () -> "native".equals(chosen.implementation()) ? 1 : 0);
      LOG.infof("Media library: %s", chosen.implementation());
    }
    return active;
  }

  /** The implementation in use, if one was asked for yet. */
  public Optional<MediaLibrary> loaded() {
    return Optional.ofNullable(active);
  }

  private MediaLibrary choose() {
    if (config.implementation() == MediaConfig.Implementation.JAVA) {
      return new JavaMediaLibrary();
    }
    try {
      return NativeLibraryFile.load(directory);
    } catch (IOException | UnsatisfiedLinkError e) {
      if (config.implementation() == MediaConfig.Implementation.NATIVE) {
        throw new IllegalStateException(
            "voxhost.media.implementation=native, but the native library did not load: "
                + e.getMessage(),
            e);
      }
      LOG.warnf("Native media library unavailable (%s); the Java twin serves", e.getMessage());
      return new JavaMediaLibrary();
    }
  }
}
