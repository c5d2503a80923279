package io.voxhost.tftp;

import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.role.Reloaded;
import io.voxhost.platform.role.Role;
import io.voxhost.platform.role.RoleHealth;
import io.voxhost.tftp.service.ConfigRenderer;
import io.voxhost.tftp.service.DeviceDirectory;
import io.voxhost.tftp.service.FetchLog;
import io.voxhost.tftp.service.ProvisioningFiles;
import io.voxhost.tftp.service.TftpSettings;
import io.voxhost.tftp.transport.TftpEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The {@code tftp} role: phone provisioning over TFTP. */
@ApplicationScoped
public class TftpRole implements Role {

  private final TftpEndpoint endpoint;
  private final ProvisioningFiles files;
  private final FetchLog fetches;
  private final DeviceDirectory directory;
  private final ConfigRenderer renderer;

  TftpRole(
      TftpEndpoint endpoint,
      ProvisioningFiles files,
      FetchLog fetches,
      DeviceDirectory directory,
      ConfigRenderer renderer) {
    this.endpoint = endpoint;
    this.files = files;
    this.fetches = fetches;
    this.directory = directory;
    this.renderer = renderer;
  }

  @Override
  public String name() {
    return TftpSettings.ROLE;
  }

  @Override
  public List<String> httpPaths() {
    return List.of("/api/v1/provisioning", "/provision");
  }

  @Override
  public List<String> importPaths() {
    // A CSV of devices may be large; every other body stays under voxhost.http.body-size.
    return List.of("/api/v1/provisioning/devices/import");
  }

  @Override
  public void start() throws Exception {
    files.prepare();
    directory.start();
    fetches.start();
    endpoint.start();
  }

  /** No new requests are taken; running transfers finish. */
  @Override
  public Drained drain(Instant deadline) throws InterruptedException {
    return endpoint.drain(deadline);
  }

  /**
   * Every device is read again, cached absences and tenants are forgotten, template overrides are
   * parsed again, and a changed {@code voxhost.tftp.rate-limit.*} applies. Transfers in flight keep
   * the bytes they were made with. Each part applies on its own: while the database is away the
   * devices keep what memory holds, and the templates and the rate limit are still reloaded.
   */
  @Override
  public Reloaded reload(ReloadedSettings settings) {
    List<String> what = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Set<String> applied = new HashSet<>();
    try {
      renderer.forgetTemplates();
      what.add("tftp templates");
    } catch (RuntimeException e) {
      failed.add("tftp templates: " + e.getMessage());
    }
    try {
      applied.addAll(endpoint.reloadRateLimit(settings));
      if (!applied.isEmpty()) {
        what.add("tftp rate limit");
      }
    } catch (RuntimeException e) {
      failed.add("tftp rate limit: " + e.getMessage());
    }
    try {
      directory.reload();
      what.add(0, "tftp devices");
    } catch (RuntimeException e) {
      failed.add("tftp devices: " + e.getMessage());
    }
    return new Reloaded(what, applied, failed);
  }

  @Override
  public void stop() {
    endpoint.stop();
    fetches.stop();
  }

  @Override
  public RoleHealth health() {
    return endpoint.running()
        ? RoleHealth.ready(
            "udp "
                + endpoint.localAddress().getAddress().getHostAddress()
                + ":"
                + endpoint.localAddress().getPort())
        : RoleHealth.notReady("not listening");
  }
}
