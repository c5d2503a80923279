package io.voxhost.recording.service;

import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.recording.RecordingConfig;
import io.voxhost.recording.store.RecordingRows;
import io.voxhost.recording.store.TenantRuleRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The sweeper: every {@code sweep-interval} it deletes what each tenant's retention and quota no
 * longer allow (oldest first), then removes the files of every deleted recording and notes that in
 * its row; each removal is logged.
 */
@ApplicationScoped
public class Retention {

  private static final Logger LOG = Logger.getLogger(Retention.class);

  private final RecordingConfig config;
  private final RecordingFiles files;
  private final DataSource dataSource;
  private final RoleThreads threads;
  private ScheduledExecutorService timer;

  Retention(
      RecordingConfig config, RecordingFiles files, DataSource dataSource, RoleThreads threads) {
    this.config = config;
    this.threads = threads;
    this.files = files;
    this.dataSource = dataSource;
  }

  public synchronized void start() {
    timer = threads.timer("recording", "retention", 1);
    long every = config.sweepInterval().toMillis();
    timer.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  public synchronized void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("Recording sweep failed: %s", e.toString());
    }
  }

  /** One pass; returns how many recordings' files were removed. */
  public int sweep() throws SQLException {
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection()) {
      for (Map.Entry<UUID, TenantRules> e : TenantRuleRows.limited(c).entrySet()) {
        UUID tenant = e.getKey();
        TenantRules rules = e.getValue();
        if (rules.retentionDays() != null) {
          Instant before = now.minus(Duration.ofDays(rules.retentionDays()));
          for (UUID id : RecordingRows.expire(c, tenant, before, now)) {
            LOG.infof(
                "Recording %s of tenant %s deleted: older than %d days",
                id, tenant, rules.retentionDays());
          }
        }
        if (rules.quotaBytes() != null) {
          for (UUID id : RecordingRows.overQuota(c, tenant, rules.quotaBytes(), now)) {
            LOG.infof(
                "Recording %s of tenant %s deleted: over the quota of %d bytes",
                id, tenant, rules.quotaBytes());
          }
        }
      }
      int purged = 0;
      List<RecordingRows.Unpurged> batch;
      while (!(batch = RecordingRows.unpurged(c, 500)).isEmpty()) {
        for (RecordingRows.Unpurged u : batch) {
          try {
            for (String file : new String[] {u.file(), u.monoFile()}) {
              if (file != null) {
                Files.deleteIfExists(files.resolve(file));
              }
            }
          } catch (IOException ex) {
            LOG.warnf("Recording %s: files not removed: %s", u.id(), ex.toString());
            return purged; // try again next pass rather than spin on a sick disk
          }
          RecordingRows.purged(c, u.id(), now);
          LOG.infof("Recording %s of tenant %s: files removed", u.id(), u.tenantId());
          purged++;
        }
      }
      return purged;
    }
  }
}
