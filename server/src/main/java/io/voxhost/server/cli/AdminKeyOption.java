package io.voxhost.server.cli;

import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.platform.node.NodeStartup;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import picocli.CommandLine.Option;

/** The admin key: the file the node writes in its data directory at its first start. */
final class AdminKeyOption {

  /** A key is one line; anything larger is not a key file. */
  private static final int MAX_BYTES = 4096;

  @Option(
      names = "--admin-key-file",
      paramLabel = "FILE",
      description =
          "The file holding the admin key. Default: admin.key in the node's data directory"
              + " (VOXHOST_DATA_DIR, voxhost.data-dir), readable by the node's user only.")
  Path file;

  String read() throws CommandFailure {
    Path path = file != null ? callerRelative(file) : defaultFile();
    try {
      String key = readRegularFile(path).strip();
      if (key.isEmpty()) {
        throw new CommandFailure(Exit.NO_INPUT, "the admin key file " + path + " is empty");
      }
      return key;
    } catch (IOException | SecurityException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new CommandFailure(
          Exit.NO_INPUT,
          "cannot read the admin key "
              + path
              + " ("
              + why
              + "): run as the node's user, or name it with --admin-key-file");
    }
  }

  /**
   * The file's bytes, refusing a symbolic link or anything but a small regular file: the data
   * directory belongs to the node's user, and a command run by root must not be made to send
   * another file's contents as a key.
   */
  private static String readRegularFile(Path path) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      throw new IOException("not a regular file");
    }
    if (attributes.size() > MAX_BYTES) {
      throw new IOException("larger than a key");
    }
    try (SeekableByteChannel channel =
        Files.newByteChannel(path, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      ByteBuffer buffer = ByteBuffer.allocate(MAX_BYTES + 1);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read to the end or past the bound
      }
      if (buffer.position() > MAX_BYTES) {
        throw new IOException("larger than a key");
      }
      return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The launcher runs the JVM from the application's directory; a relative name is the caller's.
   */
  private static Path callerRelative(Path path) {
    String callerDir = System.getenv("VOXHOST_CALLER_DIR");
    if (path.isAbsolute() || callerDir == null || callerDir.isBlank()) {
      return path;
    }
    return Path.of(callerDir).resolve(path).normalize();
  }

  private static Path defaultFile() throws CommandFailure {
    Path dataDir = NodeOptions.config().getConfigMapping(VoxhostConfig.class).dataDir();
    return dataDir.toAbsolutePath().normalize().resolve(NodeStartup.ADMIN_KEY_FILE);
  }
}
