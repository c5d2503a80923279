package io.voxhost.tftp.service;

import io.voxhost.platform.config.VoxhostConfig;
import io.voxhost.tftp.TftpConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The served namespace, the same for TFTP and HTTP. A name resolves, in this order, to: the file
 * generated for the registered device the name is about (by the vendors' naming conventions); a
 * static file under the root; a vendor's common file (Polycom's {@code 000000000000.cfg}, Yealink's
 * {@code y0000000000<nn>.cfg}); for a device name whose MAC nobody registered, the configured
 * default file; else nothing.
 */
@ApplicationScoped
public class ProvisioningFiles {

  private final StaticFiles statics;
  private final DeviceDirectory directory;
  private final ConfigRenderer renderer;
  private final Optional<FileName> unknownDeviceFile;

  ProvisioningFiles(
      TftpConfig config, VoxhostConfig node, DeviceDirectory directory, ConfigRenderer renderer) {
    this.statics = new StaticFiles(config.root().orElse(node.dataDir().resolve("tftp-root")));
    this.directory = directory;
    this.renderer = renderer;
    this.unknownDeviceFile = config.unknownDeviceFile().map(FileName::new);
  }

  /** Makes the static root and the template override directory, so an admin sees where to write. */
  public void prepare() throws IOException {
    Files.createDirectories(statics.root());
    Files.createDirectories(renderer.overrides());
  }

  public Path staticRoot() {
    return statics.root();
  }

  /**
   * What {@code name} is. Completes at once unless a device must be read from the database; the
   * caller must not block on it.
   */
  public CompletableFuture<ServedFile> find(FileName name) {
    Optional<VendorFileNames.Match> match = VendorFileNames.match(name);
    if (match.isPresent() && match.get().mac() != null) {
      VendorFileNames.Match m = match.get();
      return directory
          .find(m.mac())
          .thenApply(
              profile -> {
                if (profile.isPresent()) {
                  Optional<ConfigFile> file = m.forVendor(profile.get().device().vendor());
                  if (file.isPresent()) {
                    return new ServedFile.GeneratedFile(
                        name,
                        renderer.render(file.get(), profile.get()),
                        m.mac(),
                        profile.get().device().tenantId(),
                        profile.get().access());
                  }
                }
                return profile.isEmpty() ? asUnknown(name) : statics.find(name);
              });
    }
    ServedFile found = statics.find(name);
    if (found instanceof ServedFile.Missing && match.isPresent()) {
      ConfigFile common = match.get().file();
      return CompletableFuture.completedFuture(
          new ServedFile.GeneratedFile(
              name,
              renderer.renderCommon(common, VendorFileNames.yealinkModelCode(name)),
              null,
              null,
              null));
    }
    return CompletableFuture.completedFuture(found);
  }

  /**
   * What a device name that matches no device gets: a static file of that name, else {@code
   * voxhost.tftp.unknown-device-file} standing in, else missing. A device that a source may not
   * fetch is answered with this too, so that the answer tells nothing about which MACs exist.
   */
  public ServedFile asUnknown(FileName name) {
    ServedFile found = statics.find(name);
    if (found instanceof ServedFile.Missing) {
      return unknownDeviceFile.map(statics::find).orElse(found);
    }
    return found;
  }

  /** The generated file for one device, as {@code find} would serve it; for previews. */
  public CompletableFuture<ServedFile> preview(MacAddress mac, FileName name) {
    Optional<VendorFileNames.Match> match = VendorFileNames.match(name);
    if (match.isEmpty() || !mac.equals(match.get().mac())) {
      return CompletableFuture.completedFuture(new ServedFile.Missing(name));
    }
    return find(name);
  }
}
