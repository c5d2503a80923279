package io.voxhost.platform.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one way a file is stored in place: written under a temporary name, forced to disk, renamed
 * over the target, and the directory forced, so after any crash the target is whole or absent (or
 * still the old one), never half-written. The temporary names start with a dot and end in {@code
 * .tmp}; a crash may leave one behind, which the owner of the directory removes at start.
 */
public final class AtomicFile {

  private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];

  private final Path target;
  private final Path temporaries;
  private final boolean ownerOnly;
  private final boolean digest;

  private AtomicFile(Path target, Path temporaries, boolean ownerOnly, boolean digest) {
    this.target = target.toAbsolutePath();
    this.temporaries = temporaries;
    this.ownerOnly = ownerOnly;
    this.digest = digest;
  }

  /** A file to be stored at {@code target}, its temporary beside it. */
  public static AtomicFile at(Path target) {
    return new AtomicFile(target, null, false, false);
  }

  /** Temporary names in {@code directory} (same file system as the target), not beside it. */
  public AtomicFile temporariesIn(Path directory) {
    return new AtomicFile(target, directory, ownerOnly, digest);
  }

  /**
   * Readable by the node's user alone (0600) from the moment it exists, and so is each directory
   * the write creates on the way (0700): for secrets and recordings.
   */
  public AtomicFile ownerOnly() {
    return new AtomicFile(target, temporaries, true, digest);
  }

  /** Also computes the stored file's SHA-256. */
  public AtomicFile withSha256() {
    return new AtomicFile(target, temporaries, ownerOnly, true);
  }

  /** What is stored: its path, size, and SHA-256 (hex) when asked for, else null. */
  public record Stored(Path file, long size, String sha256) {}

  /** Writes the content to the temporary path it is given; the store forces it to disk. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path temporary) throws IOException;
  }

  public Stored write(byte[] bytes) throws IOException {
    return write(
        temporary -> {
          try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
              out.write(buffer);
            }
          }
        });
  }

  /** Stores what {@code content} writes; on any failure the target is left as it was. */
  public Stored write(Content content) throws IOException {
    Path directory = target.getParent();
    Files.createDirectories(directory, directoryMode());
    Path temporaryDirectory = temporaries == null ? directory : temporaries;
    Files.createDirectories(temporaryDirectory, directoryMode());
    Path temporary =
        Files.createTempFile(temporaryDirectory, "." + target.getFileName(), ".tmp", fileMode());
    try {
      content.writeTo(temporary);
      try (FileChannel written = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        written.force(true);
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true); // the rename is durable once the directory's entry is on disk
    } catch (IOException e) {
      // Some file systems refuse to force a directory; the file itself is on disk.
    }
    return new Stored(target, Files.size(target), digest ? sha256(target) : null);
  }

  // A new array each time: a FileAttribute's value is a mutable set, not to be shared.
  private FileAttribute<?>[] fileMode() {
    return ownerOnly ? new FileAttribute<?>[] {ownerOnlyFile()} : NONE;
  }

  private FileAttribute<?>[] directoryMode() {
    return ownerOnly ? new FileAttribute<?>[] {ownerOnlyDirectory()} : NONE;
  }

  /** Mode 0600, to create a file with: readable and writable by the node's user alone. */
  public static FileAttribute<?> ownerOnlyFile() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  }

  /** Mode 0700, to create a directory with: the node's user alone may list and enter it. */
  public static FileAttribute<?> ownerOnlyDirectory() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  }

  /** The SHA-256 of a file, in hex, read in 256 KiB chunks. */
  public static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[256 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
