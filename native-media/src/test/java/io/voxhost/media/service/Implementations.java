package io.voxhost.media.service;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.voxhost.media.api.MediaLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Both implementations for tests. Where the native library was not built (no gcc), native tests are
 * skipped, unless {@code VOXHOST_NATIVE_REQUIRED=1} (CI) makes that a failure.
 */
public final class Implementations {

  private static MediaLibrary nativeLibrary;
  private static Throwable nativeFailure;

  private Implementations() {}

  public static MediaLibrary java() {
    return new JavaMediaLibrary();
  }

  public static synchronized MediaLibrary nativeOrSkip() {
    if (nativeLibrary == null && nativeFailure == null) {
      try {
        Path dir = Files.createTempDirectory("voxhost-media-test");
        try {
          nativeLibrary = NativeLibraryFile.load(dir);
        } finally {
          // A loaded library stays mapped once its file is gone: nothing is left in /tmp.
          try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
              Files.delete(f);
            }
          }
          Files.delete(dir);
        }
      } catch (IOException | UnsatisfiedLinkError e) {
        nativeFailure = e;
      }
    }
    if (nativeLibrary == null) {
      if ("1".equals(System.getenv("VOXHOST_NATIVE_REQUIRED"))) {
        fail("The native media library is required here but did not load", nativeFailure);
      }
      assumeTrue(false, "no native media library: " + nativeFailure);
    }
    return nativeLibrary;
  }
}
