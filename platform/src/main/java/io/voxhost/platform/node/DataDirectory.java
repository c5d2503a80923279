package io.voxhost.platform.node;

import io.voxhost.platform.config.StartupFailure;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The node's data directory, held under an exclusive lock so that two processes never run one
 * embedded database or write one set of files.
 */
public final class DataDirectory implements AutoCloseable {

  static final String LOCK_FILE = "voxhost.lock";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Creates the directory if needed, proves it is writable and locks it. */
  public static DataDirectory open(Path configured) {
    Path root = configured.toAbsolutePath().normalize();
    try {
      Files.createDirectories(root);
    } catch (IOException | SecurityException e) {
      throw StartupFailure.configuration(
          "voxhost.data-dir "
              + root
              + " cannot be created: "
              + describe(e)
              + " (set voxhost.data-dir)");
    }
    Path probe = root.resolve(".write-probe");
    try {
      Files.writeString(probe, "ok");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw StartupFailure.configuration(
          "voxhost.data-dir "
              + root
              + " is not writable: "
              + describe(e)
              + " (set voxhost.data-dir)");
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw alreadyInUse(root);
      }
      return new DataDirectory(root, channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw alreadyInUse(root);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StartupFailure("voxhost.data-dir " + root + " cannot be locked: " + describe(e));
    } catch (StartupFailure e) {
      closeQuietly(channel);
      throw e;
    }
  }

  public Path root() {
    return root;
  }

  public Path resolve(String name) {
    return root.resolve(name);
  }

  @Override
  public void close() {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } catch (IOException ignored) {
      // Closing the channel below releases the lock as well.
    }
    closeQuietly(lockChannel);
  }

  private static StartupFailure alreadyInUse(Path root) {
    return new StartupFailure("voxhost.data-dir " + root + " is in use by another Voxhost process");
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return message == null || message.isBlank() ? kind : kind + ": " + message;
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more to release.
      }
    }
  }
}
