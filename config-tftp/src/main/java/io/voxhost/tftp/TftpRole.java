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
   * the bytes they were made with.
   */
  @Override
  public Reloaded reload(ReloadedSettings settings) {
    directory.reload();
    renderer.forgetTemplates();
    List<String> what = new ArrayList<>(List.of("tftp devices", "tftp templates"));
    Set<String> applied = endpoint.reloadRateLimit(settings);
    if (!applied.isEmpty()) {
      what.add("tftp rate limit");
    }
    return new Reloaded(what, applied);
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
