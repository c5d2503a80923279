package io.voxhost.media;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the media library, used by the roles that record. */
@ConfigMapping(prefix = "voxhost.media")
public interface MediaConfig {

  /** Which implementation serves. */
  enum Implementation {
    /** The native library if it loads, else the Java twin with one warning. */
    AUTO,
    /** The native library; a node that cannot load it fails to start the role that needs it. */
    NATIVE,
    /** The Java twin, whatever the platform. */
    JAVA
  }

  /** {@code voxhost.media.implementation}: {@code auto}, {@code native} or {@code java}. */
  @WithDefault("auto")
  Implementation implementation();

  /**
   * {@code voxhost.media.library-dir}: where the native library is copied before loading; unset
   * means {@code <data-dir>/native}.
   */
  Optional<Path> libraryDir();
}
