package io.voxhost.recording.service;

import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.recording.RecordingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Finished recordings waiting for the {@link Assembler}: {@code assembly-threads} at a time from a
 * queue of {@code assembly-queue}. Each assembly is timed, by how it ended (the wait for the
 * database included, for one that had to). One whose row the database did not take ({@link
 * EndingNotWritten}) is not lost: its row alone is written again later on the same workers, after a
 * delay that doubles while the database stays away ({@link WaitingEndings}, up to {@code
 * assembly-queue} at once), and its spool stays until that write.
 */
@ApplicationScoped
public class AssemblyQueue {

  private static final Logger LOG = Logger.getLogger(AssemblyQueue.class);

  private final Assembler assembler;
  private final Completions completions;
  private final Meters registry;
  private final ThreadPoolExecutor workers;
  private final WaitingEndings waiting;

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
    this.waiting =
        new WaitingEndings(
            threads.timer("recording", "assembly-retries", 1), config.assemblyQueue());
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
    submit(recording, labels, () -> {});
  }

  /**
   * Queues a recording as {@link #submit(Recording, List)} does, with {@code first} to run on the
   * worker before its assembly: what must follow a capture's end but may block (a file forced to
   * disk, a row written), which the RTP loop that ended it must not wait for. The assembly runs
   * whatever {@code first} did; a full queue fails the recording without running it.
   */
  public void submit(Recording recording, List<String> labels, Runnable first) {
    try {
      workers.execute(
          () -> {
            try {
              first.run();
            } catch (RuntimeException e) {
              LOG.warnf("Recording %s: before its assembly: %s", recording.id(), e.toString());
            }
            assemble(recording, labels);
          });
    } catch (RejectedExecutionException e) {
      LOG.errorf("Recording %s: assembly queue full", recording.id());
      completions.failed(recording, "assembly queue full");
    }
  }

  /**
   * Waits until no assembly is queued, running or waiting for the database, or until the deadline,
   * whichever comes first; returns how many are left. Recordings may still be queued meanwhile. One
   * still waiting for the database keeps its spool and its {@code processing} row: if the node
   * stops now, the next start's {@link Recovery} assembles it again.
   */
  public int awaitIdle(Instant deadline) throws InterruptedException {
    while (unfinished() > 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    return unfinished();
  }

  /**
   * Waits for queued assemblies to end (at shutdown). Recordings waiting for the database are not
   * waited for: they stay in their spools, and so does any whose row the database does not take
   * meanwhile, for the next start's {@link Recovery}.
   */
  public void drain(long timeout, TimeUnit unit) throws InterruptedException {
    int left = waiting.stop();
    if (left > 0) {
      LOG.warnf(
          "%d recording(s) still waiting for the database stay in their spools: the next start"
              + " assembles them",
          left);
    }
    workers.shutdown();
    workers.awaitTermination(timeout, unit);
  }

  private int unfinished() {
    return workers.getQueue().size() + workers.getActiveCount() + waiting.size();
  }

  private void assemble(Recording recording, List<String> labels) {
    long began = System.nanoTime();
    try {
      timed(began, assembler.assemble(recording, labels));
    } catch (EndingNotWritten e) {
      putOff(new Unwritten(recording, e.finished(), began, 1));
    }
  }

  /** Writes a row the database did not take before, on a worker. */
  private void finish(Unwritten u) {
    try {
      RecordingStatus outcome = assembler.finish(u.recording(), u.finished());
      timed(u.began(), outcome);
      LOG.infof("Recording %s: %s at retry %d of its row", u.id(), outcome.value(), u.attempt());
    } catch (EndingNotWritten e) {
      putOff(u.again());
    }
  }

  private void putOff(Unwritten u) {
    if (u.attempt() == 1) {
      LOG.warnf("Recording %s: the database did not take its row, it will be tried again", u.id());
    }
    if (!waiting.later(() -> resubmit(u), u.attempt())) {
      LOG.errorf(
          "Recording %s: its row is not written and cannot wait any longer (too many waiting, or"
              + " the role stopping); it stays in its spool for the next start to assemble",
          u.id());
    }
  }

  /** Back to the workers; a full queue (or one that is shutting down) means waiting again. */
  private void resubmit(Unwritten u) {
    try {
      workers.execute(() -> finish(u));
    } catch (RejectedExecutionException e) {
      putOff(u);
    }
  }

  private void timed(long began, RecordingStatus outcome) {
    registry
        .timer(
            MeterName.of("recording", "assembly"),
            "From a finished capture's spool to its stored recording, by outcome",
            "outcome",
            outcome.value())
        .record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
  }

  /** An assembled recording whose finished row is still to be written, and its try. */
  private record Unwritten(Recording recording, Recording finished, long began, int attempt) {

    UUID id() {
      return recording.id();
    }

    Unwritten again() {
      return new Unwritten(recording, finished, began, attempt + 1);
    }
  }
}
