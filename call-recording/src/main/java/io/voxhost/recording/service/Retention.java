package io.voxhost.recording.service;

import io.voxhost.platform.concurrent.RepeatingWork;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * The sweeper: every {@code sweep-interval} it deletes what each tenant's retention and quota no
 * longer allow (oldest first), then removes the files of every deleted recording and notes that in
 * its row; each removal is logged. A sweep that fails (the database away, a sick disk) puts the
 * next one off, twice as long each time up to an hour ({@link RepeatingWork}): what it would have
 * deleted is deleted later, nothing is urgent.
 */
@ApplicationScoped
public class Retention {

  private static final Logger LOG = Logger.getLogger(Retention.class);

  /** A sweep that keeps failing is tried again at least this often. */
  private static final Duration MAX_BACKOFF = Duration.ofHours(1);

  private final RecordingConfig config;
  private final RecordingFiles files;
  private final RecordingStore recordings;
  private final TenantRuleStore tenantRules;
  private final RoleThreads threads;
  private ScheduledExecutorService timer;
  private RepeatingWork sweeps;

  Retention(
      RecordingConfig config,
      RecordingFiles files,
      RecordingStore recordings,
      TenantRuleStore tenantRules,
      RoleThreads threads) {
    this.config = config;
    this.threads = threads;
    this.files = files;
    this.recordings = recordings;
    this.tenantRules = tenantRules;
  }

  public synchronized void start() {
    timer = threads.timer("recording", "retention", 1);
    sweeps =
        threads
            .repeat(
                timer, "recording", "retention", config.sweepInterval(), MAX_BACKOFF, this::sweep)
            .start();
  }

  public synchronized void stop() {
    if (sweeps != null) {
      sweeps.cancel();
      sweeps = null;
    }
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  /**
   * One pass; returns how many recordings' files were removed.
   *
   * @throws UncheckedIOException when a file cannot be removed: the pass stops there rather than
   *     spin on a sick disk, and the rest waits for a later one
   */
  public int sweep() {
    Instant now = Instant.now();
    for (Map.Entry<UUID, TenantRules> e : tenantRules.limited().entrySet()) {
      UUID tenant = e.getKey();
      TenantRules rules = e.getValue();
      if (rules.retentionDays() != null) {
        Instant before = now.minus(Duration.ofDays(rules.retentionDays()));
        for (UUID id : recordings.expire(tenant, before, now)) {
          LOG.infof(
              "Recording %s of tenant %s deleted: older than %d days",
              id, tenant, rules.retentionDays());
        }
      }
      if (rules.quotaBytes() != null) {
        for (UUID id : recordings.overQuota(tenant, rules.quotaBytes(), now)) {
          LOG.infof(
              "Recording %s of tenant %s deleted: over the quota of %d bytes",
              id, tenant, rules.quotaBytes());
        }
      }
    }
    int purged = 0;
    List<RecordingStore.Unpurged> batch;
    while (!(batch = recordings.unpurged(500)).isEmpty()) {
      for (RecordingStore.Unpurged u : batch) {
        try {
          for (String file : new String[] {u.file(), u.monoFile()}) {
            if (file != null) {
              Files.deleteIfExists(files.resolve(file));
            }
          }
        } catch (IOException ex) {
          throw new UncheckedIOException("Recording " + u.id() + ": files not removed", ex);
        }
        recordings.purged(u.id(), now);
        LOG.infof("Recording %s of tenant %s: files removed", u.id(), u.tenantId());
        purged++;
      }
    }
    return purged;
  }
}
