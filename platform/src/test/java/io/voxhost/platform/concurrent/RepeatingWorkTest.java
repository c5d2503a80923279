package io.voxhost.platform.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voxhost.platform.metrics.Meters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RepeatingWorkTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RoleThreads threads = new RoleThreads(new Meters(registry));
  private final ScheduledThreadPoolExecutor timer = threads.timer("test", "timer", 1);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void failuresPutTheNextRunOffTwiceAsLongUpToTheLimitAndSuccessBringsTheIntervalBack() {
    RepeatingWork work =
        threads.repeat(
            timer, "test", "sweep", Duration.ofMillis(100), Duration.ofMillis(1_000), () -> {});
    assertThat(work.delayAfter(0)).isEqualTo(100);
    assertThat(work.delayAfter(1)).isBetween(180L, 200L);
    assertThat(work.delayAfter(2)).isBetween(360L, 400L);
    assertThat(work.delayAfter(3)).isBetween(720L, 800L);
    assertThat(work.delayAfter(4)).isBetween(900L, 1_000L);
    assertThat(work.delayAfter(64)).isBetween(900L, 1_000L); // no overflow into "at once"
  }

  @Test
  void aFailingRunIsCountedRetriedLaterAndResumesByItself() {
    AtomicInteger runs = new AtomicInteger();
    List<Long> startedAt = Collections.synchronizedList(new ArrayList<>());
    RepeatingWork work =
        threads
            .repeat(
                timer,
                "test",
                "flush",
                Duration.ofMillis(20),
                Duration.ofSeconds(1),
                () -> {
                  startedAt.add(System.nanoTime());
                  if (runs.incrementAndGet() <= 3) {
                    throw new IllegalStateException("the database is away");
                  }
                })
            .start();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 6);
      assertThat(work.failedInARow()).isZero();
      double failures =
          registry.get("voxhost_test_background_failures").tag("work", "flush").counter().count();
      assertThat(failures).isEqualTo(3);
      // The gap after the third failure is the longest: 20 ms doubled three times, less jitter.
      long afterThirdFailure = startedAt.get(3) - startedAt.get(2);
      assertThat(Duration.ofNanos(afterThirdFailure))
          .isGreaterThanOrEqualTo(Duration.ofMillis(140));
    } finally {
      work.cancel();
    }
  }

  @Test
  void noRunStartsAfterCancel() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    RepeatingWork work =
        threads
            .repeat(
                timer,
                "test",
                "cancelled",
                Duration.ofMillis(10),
                Duration.ofMillis(10),
                runs::incrementAndGet)
            .start();
    await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 2);
    work.cancel();
    int seen = runs.get();
    await()
        .pollDelay(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(1))
        .until(() -> runs.get() <= seen + 1); // at most the run already under way
    assertThat(timer.getQueue()).isEmpty();
  }
}
