package io.voxhost.recording;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.voxhost.platform.net.ListenAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings of the {@code recording} role. */
@ConfigMapping(prefix = "voxhost.recording")
public interface RecordingConfig {

  /**
   * {@code voxhost.recording.listen}: the address the RTP receivers bind to and the UDP ports given
   * to legs, one each: {@code host:first-last}.
   */
  @WithDefault("0.0.0.0:40000-49999")
  ListenAddress listen();

  /**
   * {@code voxhost.recording.advertised-host}: the address a session's answer tells the media
   * server to send to; unset means the listen address, or 127.0.0.1 when that is the wildcard.
   */
  Optional<String> advertisedHost();

  /**
   * {@code voxhost.recording.receive-buffer}: bytes of RTP the kernel may hold for each leg's
   * socket while its event loop is busy.
   */
  @WithDefault("262144")
  int receiveBuffer();

  /** {@code voxhost.recording.idle-timeout}: a session with no RTP for this long ends. */
  @WithDefault("30s")
  Duration idleTimeout();

  /** {@code voxhost.recording.max-duration}: a session ends after this long whatever comes. */
  @WithDefault("4h")
  Duration maxDuration();

  /** {@code voxhost.recording.max-sessions}: sessions open at once; more get 503. */
  @WithDefault("5000")
  int maxSessions();

  /**
   * {@code voxhost.recording.directory}: where audio and capture spool live; unset means {@code
   * <data-dir>/recordings}.
   */
  Optional<Path> directory();

  /** {@code voxhost.recording.assembly-threads}: recordings mixed at once after their calls. */
  @WithDefault("2")
  int assemblyThreads();

  /** {@code voxhost.recording.assembly-queue}: finished calls waiting to be mixed, at most. */
  @WithDefault("10000")
  int assemblyQueue();

  /**
   * {@code voxhost.recording.transcodes}: MP3 answers encoded at once (each takes a core for about
   * 10 s per hour of call); more wait for none: 503.
   */
  @WithDefault("2")
  int transcodes();

  /** {@code voxhost.recording.threads}: RTP event-loop threads; 0 means one per core. */
  @WithDefault("0")
  int threads();

  /**
   * {@code voxhost.recording.sweep-interval}: how often retention and quotas are applied and
   * deleted recordings' files removed.
   */
  @WithDefault("10m")
  Duration sweepInterval();

  /** {@code voxhost.recording.webhook-attempts}: tries of a completion webhook in all. */
  @WithDefault("6")
  int webhookAttempts();

  /** {@code voxhost.recording.webhook-retry-base}: the first retry's delay; each one doubles. */
  @WithDefault("2s")
  Duration webhookRetryBase();

  /** {@code voxhost.recording.webhook-queue}: notices waiting or retrying at once, at most. */
  @WithDefault("10000")
  int webhookQueue();

  // Webhook isolation between tenants (issue 14): each tenant its own bounded queue and sends.

  /**
   * {@code voxhost.recording.webhook-tenant-queue}: one tenant's notices waiting, retrying or being
   * sent at once, at most; beyond it that tenant's new notices are dropped and counted, nobody
   * else's.
   */
  @WithDefault("1000")
  int webhookTenantQueue();

  /** {@code voxhost.recording.webhook-tenant-sends}: one tenant's notices being sent at once. */
  @WithDefault("2")
  int webhookTenantSends();

  /** {@code voxhost.recording.webhook-sends}: notices being sent at once on the node, in all. */
  @WithDefault("32")
  int webhookSends();

  // --- Limits (issue 14): disk floor, per-tenant sessions. Keep these together. ---

  /**
   * {@code voxhost.recording.free-space-floor}: below this much free space on the recordings volume
   * the node refuses new captures and uploads (507); the floor is the higher of the two.
   */
  FreeSpaceFloor freeSpaceFloor();

  /** The free-space floor's two parts; the higher one applies, 0 turns a part off. */
  interface FreeSpaceFloor {

    /** {@code voxhost.recording.free-space-floor.percent}: percent of the volume's size, 0-100. */
    @WithDefault("5")
    double percent();

    /** {@code voxhost.recording.free-space-floor.bytes}: bytes. */
    @WithDefault("2147483648")
    long bytes();
  }

  /**
   * {@code voxhost.recording.max-sessions-per-tenant}: capture sessions one tenant may have open on
   * a node at once (more get 429), unless an admin set another figure for the tenant.
   */
  @WithDefault("200")
  int maxSessionsPerTenant();
}
