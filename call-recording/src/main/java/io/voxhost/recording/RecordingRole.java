package io.voxhost.recording;

import io.voxhost.media.api.AudioFiles;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.role.Drained;
import io.voxhost.platform.role.Reloaded;
import io.voxhost.platform.role.Role;
import io.voxhost.platform.role.RoleHealth;
import io.voxhost.recording.service.AssemblyQueue;
import io.voxhost.recording.service.CompletionWebhooks;
import io.voxhost.recording.service.LinkSigner;
import io.voxhost.recording.service.RecordingFiles;
import io.voxhost.recording.service.RecordingSettings;
import io.voxhost.recording.service.Recovery;
import io.voxhost.recording.service.Retention;
import io.voxhost.recording.service.Sessions;
import io.voxhost.recording.service.StorageFloor;
import io.voxhost.recording.transport.CaptureEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code recording} role: RTP capture, assembly and storage of calls. */
@ApplicationScoped
public class RecordingRole implements Role {

  private final CaptureEndpoint endpoint;
  private final Sessions sessions;
  private final AssemblyQueue assembly;
  private final RecordingFiles files;
  private final AudioFiles media;
  private final Recovery recovery;
  private final Retention retention;
  private final LinkSigner signer;
  private final CompletionWebhooks webhooks;
  private final StorageFloor storage;

  RecordingRole(
      CaptureEndpoint endpoint,
      Sessions sessions,
      AssemblyQueue assembly,
      RecordingFiles files,
      AudioFiles media,
      Recovery recovery,
      Retention retention,
      LinkSigner signer,
      CompletionWebhooks webhooks,
      StorageFloor storage) {
    this.storage = storage;
    this.endpoint = endpoint;
    this.sessions = sessions;
    this.assembly = assembly;
    this.files = files;
    this.media = media;
    this.recovery = recovery;
    this.retention = retention;
    this.signer = signer;
    this.webhooks = webhooks;
  }

  @Override
  public String name() {
    return RecordingSettings.ROLE;
  }

  @Override
  public List<String> httpPaths() {
    return List.of("/api/v1/recordings", "/recordings");
  }

  @Override
  public void start() throws Exception {
    files.prepare();
    media.library(); // loads the native library now: a node that cannot should say so at start
    signer.start();
    webhooks.start();
    assembly.start();
    recovery.run();
    endpoint.start();
    sessions.start();
    retention.start();
  }

  /**
   * New sessions get 503; open ones end as a stop request ends them; assembly finishes. A recording
   * whose row is still waiting for the database at the deadline is left in its spool, for the next
   * start's recovery.
   */
  @Override
  public Drained drain(Instant deadline) throws InterruptedException {
    int ended = sessions.drain(deadline);
    int left = assembly.awaitIdle(deadline);
    return left == 0
        ? Drained.complete(ended + " open session(s) ended and every recording assembled")
        : Drained.unfinished(left + " recording(s) still waiting for assembly or for the database");
  }

  /** Tenant settings are read per request and links' keys at start: nothing is cached to renew. */
  @Override
  public Reloaded reload(ReloadedSettings settings) {
    return Reloaded.nothing();
  }

  @Override
  public void stop() {
    retention.stop();
    sessions.stop();
    try {
      assembly.drain(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    webhooks.stop();
    endpoint.stop();
  }

  /**
   * Below the free-space floor the role stays ready, degraded: recordings are still served (and
   * captures already open go on), only new captures and uploads are refused, so a load balancer
   * must not take the node out; the detail says why.
   */
  @Override
  public RoleHealth health() {
    if (!endpoint.running()) {
      return RoleHealth.notReady("not capturing");
    }
    String open = sessions.openCount() + " sessions open";
    return RoleHealth.ready(
        storage.degraded().map(why -> open + "; degraded: " + why).orElse(open));
  }

  @Override
  public String status() {
    if (!endpoint.running()) {
      return "recording not capturing";
    }
    String line =
        "recording " + endpoint.listening() + ": " + sessions.openCount() + " open captures";
    return storage.degraded().map(why -> line + "; degraded: " + why).orElse(line);
  }
}
