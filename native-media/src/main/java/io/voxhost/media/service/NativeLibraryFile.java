package io.voxhost.media.service;

import io.voxhost.media.api.MediaLibrary;
import io.voxhost.platform.files.AtomicFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The C library shipped in the jar ({@value #RESOURCE}), copied to a directory and loaded. The copy
 * is named by its content's hash, so nodes of different versions sharing a data directory never
 * load each other's, and a copy is written to a temporary name and moved into place, so a process
 * never loads a half-written one.
 */
public final class NativeLibraryFile {

  public static final String RESOURCE = "META-INF/native/linux-x86_64/libvoxmedia.so";

  private NativeLibraryFile() {}

  /** Whether this jar carries the library (it is built only where gcc was found). */
  public static boolean shipped() {
    return NativeLibraryFile.class.getClassLoader().getResource(RESOURCE) != null;
  }

  /**
   * Copies the library into {@code directory} (once per version) and loads it.
   *
   * @throws IOException the library is not in the jar, or cannot be copied
   * @throws UnsatisfiedLinkError it cannot be loaded here (another platform, another class loader
   *     holding it)
   */
  public static MediaLibrary load(Path directory) throws IOException {
    byte[] bytes;
    try (InputStream in = NativeLibraryFile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("This build has no native media library (" + RESOURCE + ")");
      }
      bytes = in.readAllBytes();
    }
    Path file = directory.resolve("libvoxmedia-" + sha256(bytes).substring(0, 16) + ".so");
    if (!Files.isRegularFile(file) || Files.size(file) != bytes.length) {
      AtomicFile.at(file).write(bytes);
    }
    System.load(file.toAbsolutePath().toString());
    // A library that loaded but does not link (an old copy, another version's symbols) fails
    // here, not on the first recording.
    if (NativeMedia.timelineSize(1, 1) <= 0) {
      throw new UnsatisfiedLinkError("libvoxmedia answers nonsense");
    }
    return new NativeMediaLibrary();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
