package io.voxhost.recording.service;

import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Finished recordings waiting for the {@link Assembler}: {@code assembly-threads} at a time from a
 * queue of {@code assembly-queue}. Each assembly is timed, by how it ended.
 */
@ApplicationScoped
public class AssemblyQueue {

  private static final Logger LOG = Logger.getLogger(AssemblyQueue.class);

  private final Assembler assembler;
  private final Completions completions;
  private final Meters registry;
  private final ThreadPoolExecutor workers;

  AssemblyQueue(
      RecordingConfig config,
      Assembler assembler,
      Completions completions,
      Meters registry,
      RoleThreads threads) {
    this.assembler = assembler;
    this.completions = completions;
    this.registry = registry;
    this.workers =
        threads.pool("recording", "assembly", config.assemblyThreads(), config.assemblyQueue());
  }

  /** Made at the role's start, so that its queue's gauge shows from then on. */
  public void start() {
    LOG.debugf("Assembly runs on %d thread(s)", workers.getMaximumPoolSize());
  }

  /**
   * Queues a recording whose spool holds legs with these labels, in order. A full queue fails the
   * recording rather than wait: the caller may be an RTP loop, which must never block.
   */
  public void submit(Recording recording, List<String> labels) {
    try {
      workers.execute(() -> assemble(recording, labels));
    } catch (RejectedExecutionException e) {
      LOG.errorf("Recording %s: assembly queue full", recording.id());
      completions.failed(recording, "assembly queue full");
    }
  }

  /**
   * Waits until no assembly is queued or running, or until the deadline; returns how many are left.
   * Recordings may still be queued meanwhile.
   */
  public int awaitIdle(Instant deadline) throws InterruptedException {
    while (workers.getQueue().size() + workers.getActiveCount() > 0
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    return workers.getQueue().size() + workers.getActiveCount();
  }

  /** Waits for queued assemblies to end (at shutdown). */
  public void drain(long timeout, TimeUnit unit) throws InterruptedException {
    workers.shutdown();
    workers.awaitTermination(timeout, unit);
  }

  private void assemble(Recording recording, List<String> labels) {
    long began = System.nanoTime();
    RecordingStatus outcome = assembler.assemble(recording, labels);
    registry
        .timer(
            MeterName.of("recording", "assembly"),
            "From a finished capture's spool to its stored recording, by outcome",
            "outcome",
            outcome.value())
        .record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
  }
}
