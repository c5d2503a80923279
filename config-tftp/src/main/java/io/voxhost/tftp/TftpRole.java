package io.voxhost.tftp;

import io.voxhost.platform.role.Drained;
import io.voxhost.platform.role.Role;
import io.voxhost.platform.role.RoleHealth;
import io.voxhost.tftp.service.DeviceDirectory;
import io.voxhost.tftp.service.FetchLog;
import io.voxhost.tftp.service.ProvisioningFiles;
import io.voxhost.tftp.transport.TftpEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The {@code tftp} role: phone provisioning over TFTP. */
@ApplicationScoped
public class TftpRole implements Role {

  private final TftpEndpoint endpoint;
  private final ProvisioningFiles files;
  private final FetchLog fetches;
  private final DeviceDirectory directory;

  TftpRole(
      TftpEndpoint endpoint, ProvisioningFiles files, FetchLog fetches, DeviceDirectory directory) {
    this.endpoint = endpoint;
    this.files = files;
    this.fetches = fetches;
    this.directory = directory;
  }

  @Override
  public String name() {
    return "tftp";
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

  /** Every device is read again, and cached absences and tenants are forgotten. */
  @Override
  public void reload() {
    directory.reload();
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
