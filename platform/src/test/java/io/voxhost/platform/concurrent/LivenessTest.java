package io.voxhost.platform.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voxhost.platform.metrics.Meters;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rule that judges each kind of loop, with real threads and a clock the test moves one watchdog
 * interval at a time: busy is not stuck, a loop that stops turning is.
 */
class LivenessTest {

  private static final long INTERVAL = Duration.ofSeconds(15).toNanos();

  private final AtomicLong clock = new AtomicLong();
  private final Liveness liveness = new Liveness(clock::get, Duration.ofMinutes(1));
  private final RoleThreads threads =
      new RoleThreads(new Meters(new SimpleMeterRegistry()), liveness);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void release() {
    release.countDown();
  }

  @Test
  void aFloodedPoolThatKeepsCompletingTasksIsNeverStuck() throws Exception {
    ThreadPoolExecutor workers = threads.pool("sip", "workers", 1, 2);
    AtomicLong refused = new AtomicLong();
    AtomicBoolean flooding = new AtomicBoolean(true);
    Thread flood =
        new Thread(
            () -> {
              while (flooding.get()) {
                try {
                  workers.execute(LivenessTest::shortWork);
                } catch (RejectedExecutionException e) {
                  refused.incrementAndGet(); // the 503 a REGISTER flood gets
                  Thread.onSpinWait();
                }
              }
            });
    flood.start();
    try {
      for (int interval = 0; interval < 5; interval++) {
        long completed = workers.getCompletedTaskCount();
        long refusedBefore = refused.get();
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    workers.getCompletedTaskCount() > completed + 2
                        && refused.get() > refusedBefore);
        clock.addAndGet(INTERVAL);
        assertThat(liveness.check()).as("interval %d", interval).isEmpty();
      }
    } finally {
      flooding.set(false);
      flood.join(10_000);
      workers.shutdownNow();
    }
  }

  @Test
  void aPoolWhoseOnlyWorkerIsBlockedWhileWorkWaitsIsStuckUntilItTurnsAgain() throws Exception {
    ThreadPoolExecutor workers = threads.pool("sip", "workers", 1, 10);
    try {
      block(workers);
      CountDownLatch queuedRan = new CountDownLatch(1);
      workers.execute(queuedRan::countDown);

      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).as("took its task up within the interval").isEmpty();
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).containsExactly("voxhost-sip-workers");
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).containsExactly("voxhost-sip-workers");

      release.countDown();
      assertThat(queuedRan.await(10, TimeUnit.SECONDS)).isTrue();
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).isEmpty();
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void oneLongTaskWithNothingWaitingIsStuckOnlyPastTheLongestTask() throws Exception {
    ThreadPoolExecutor assembly = threads.pool("recording", "assembly", 1, 10);
    try {
      block(assembly);
      for (int interval = 0; interval < 3; interval++) {
        clock.addAndGet(INTERVAL); // 45 s in all: a long assembly, nothing behind it
        assertThat(liveness.check()).isEmpty();
      }
      clock.addAndGet(INTERVAL); // one minute on one task
      assertThat(liveness.check()).containsExactly("voxhost-recording-assembly");
    } finally {
      assembly.shutdownNow();
    }
  }

  @Test
  void anIdlePoolIsAliveAndAShutDownOneIsForgotten() {
    ThreadPoolExecutor workers = threads.pool("tftp", "device-loads", 2, 4);
    clock.addAndGet(INTERVAL);
    assertThat(liveness.check()).isEmpty();
    clock.addAndGet(INTERVAL);
    assertThat(liveness.check()).isEmpty();
    workers.shutdown();
    assertThat(liveness.check()).isEmpty();
    assertThat(liveness.watched()).doesNotContain("voxhost-tftp-device-loads");
  }

  @Test
  void anUnwatchedPoolIsNotJudged() throws Exception {
    ThreadPoolExecutor reload = threads.unwatchedPool("node", "reload", 1, 1);
    try {
      assertThat(liveness.watched()).doesNotContain("voxhost-node-reload");
    } finally {
      reload.shutdownNow();
    }
  }

  @Test
  void aRefusedProbeIsNeverStuck() {
    liveness.register(
        "voxhost-test-loop",
        probe -> {
          throw new RejectedExecutionException("full");
        },
        () -> false);
    for (int interval = 0; interval < 3; interval++) {
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).isEmpty();
    }
  }

  @Test
  void aProbedLoopBlockedInOneTaskIsStuck() throws Exception {
    ThreadPoolExecutor timer = threads.timer("node", "sweeps", 1);
    try {
      block(timer);
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).as("first probe posted").isEmpty();
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).containsExactly("voxhost-node-sweeps");
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void aThreadBusyOnOneUnitForAWholeIntervalIsStuckOneWaitingIsNot() throws Exception {
    CountDownLatch handling = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    BusyMark[] mark = new BusyMark[1];
    Thread reader =
        threads.thread(
            "sip",
            "udp-0",
            () -> {
              await(go); // waiting for a datagram: idle
              mark[0].busy();
              handling.countDown();
              await(release);
              mark[0].idle();
              await(new CountDownLatch(1)); // back to waiting, until interrupted
            });
    AtomicBoolean retired = new AtomicBoolean();
    mark[0] = threads.watchThread("sip", "udp-0", reader, retired::get);
    reader.start();
    try {
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).isEmpty();
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).isEmpty();

      go.countDown();
      assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).as("busy since within the interval").isEmpty();
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).containsExactly("voxhost-sip-udp-0");

      release.countDown();
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                clock.addAndGet(INTERVAL);
                return liveness.check().isEmpty();
              });
      clock.addAndGet(INTERVAL);
      assertThat(liveness.check()).isEmpty();
    } finally {
      retired.set(true);
      reader.interrupt();
      reader.join(10_000);
    }
  }

  private void block(ThreadPoolExecutor pool) throws InterruptedException {
    CountDownLatch blocked = new CountDownLatch(1);
    pool.execute(
        () -> {
          blocked.countDown();
          await(release);
        });
    assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void shortWork() {
    Math.sqrt(System.nanoTime());
  }
}
