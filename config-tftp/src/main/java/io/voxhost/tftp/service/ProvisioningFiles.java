package io.voxhost.tftp.service;

import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.tftp.TftpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The served namespace, the same for TFTP and HTTP: a name resolves to a file under the static
 * root, or to nothing.
 */
@ApplicationScoped
public class ProvisioningFiles {

  private final StaticFiles statics;

  ProvisioningFiles(TftpConfig config, VoxhostConfig node) {
    this.statics =
        new StaticFiles(config.root().map(Path::of).orElse(node.dataDir().resolve("tftp-root")));
  }

  /** Makes the static root, so that an admin sees where files go. */
  public void prepare() throws IOException {
    Files.createDirectories(statics.root());
  }

  public Path staticRoot() {
    return statics.root();
  }

  public ServedFile find(FileName name) {
    return statics.find(name);
  }
}
