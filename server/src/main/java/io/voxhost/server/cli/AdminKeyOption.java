package io.voxhost.server.cli;

import io.voxhost.platform.config.VoxhostConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The admin key: the file the node writes in its data directory at its first start. */
final class AdminKeyOption {

  /** As the platform's {@code NodeStartup} names it. */
  static final String ADMIN_KEY_FILE = "admin.key";

  @Option(
      names = "--admin-key-file",
      paramLabel = "FILE",
      description =
          "The file holding the admin key. Default: admin.key in the node's data directory"
              + " (VOXHOST_DATA_DIR, voxhost.data-dir), readable by the node's user only.")
  Path file;

  String read() throws CommandFailure {
    Path path = file != null ? file : defaultFile();
    try {
      String key = Files.readString(path).strip();
      if (key.isEmpty()) {
        throw new CommandFailure(Exit.NO_INPUT, "the admin key file " + path + " is empty");
      }
      return key;
    } catch (IOException | SecurityException e) {
      String why = e.getClass().getSimpleName();
      throw new CommandFailure(
          Exit.NO_INPUT,
          "cannot read the admin key "
              + path
              + " ("
              + why
              + "): run as the node's user, or name it with --admin-key-file");
    }
  }

  private static Path defaultFile() throws CommandFailure {
    Path dataDir = NodeOptions.config().getConfigMapping(VoxhostConfig.class).dataDir();
    return dataDir.toAbsolutePath().normalize().resolve(ADMIN_KEY_FILE);
  }
}
