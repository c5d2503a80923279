package io.voxhost.platform.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescedRunsTest {

  private final ThreadPoolExecutor worker =
      new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1));
  private final AtomicInteger started = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger overlapped = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  /** A run that holds until released, noting whether another one ran at the same time. */
  private final CoalescedRuns runs =
      new CoalescedRuns(
          worker,
          () -> {
            if (running.incrementAndGet() > 1) {
              overlapped.incrementAndGet();
            }
            started.incrementAndGet();
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
          });

  @AfterEach
  void stop() {
    release.countDown();
    worker.shutdownNow();
  }

  @Test
  void requestsDuringARunGiveExactlyOneMoreRunAfterIt() {
    runs.request();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);

    for (int i = 0; i < 20; i++) {
      runs.request(); // never blocks, never throws although the queue holds one
    }
    release.countDown();

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 2);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> worker.getActiveCount() == 0 && worker.getQueue().isEmpty());
    assertThat(started).hasValue(2);
    assertThat(overlapped).hasValue(0);
  }

  @Test
  void aRequestAfterARunEndedRunsAgain() {
    release.countDown();
    runs.request();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> worker.getActiveCount() == 0);

    runs.request();

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 2);
  }

  @Test
  void aRequestRefusedByAFullQueueDuringARunStillGivesExactlyOneMoreRun() throws Exception {
    runs.request();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1);
    // Someone else's task takes the queue's one slot (as a watchdog probe once did): the next
    // request is refused although the executor is not shut down.
    CountDownLatch otherRan = new CountDownLatch(1);
    worker.execute(otherRan::countDown);
    assertThat(worker.getQueue()).hasSize(1);

    runs.request();
    runs.request();
    release.countDown();

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 2);
    assertThat(otherRan.await(10, TimeUnit.SECONDS)).isTrue();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> worker.getActiveCount() == 0 && worker.getQueue().isEmpty());
    assertThat(started).hasValue(2);
    assertThat(overlapped).hasValue(0);

    runs.request(); // and requests after it run as before
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 3);
  }

  @Test
  void aRequestAfterShutdownIsDropped() {
    worker.shutdown();

    runs.request();
    runs.request();

    assertThat(started).hasValue(0);
  }
}
