package io.voxhost.platform.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.Meters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Warm-ups wait for the node to serve, run one at a time, and stop when their role stops. */
class WarmUpsTest {

  private final WarmUps warmUps =
      new WarmUps(new RoleThreads(new Meters(new SimpleMeterRegistry())));
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    warmUps.stop();
  }

  @Test
  void waitsForTheNodeToServeThenRunsOneAtATimeInOrder() throws Exception {
    CountDownLatch firstMayEnd = new CountDownLatch(1);
    warmUps.submit(
        "first",
        () -> {
          ran.add("first started");
          try {
            firstMayEnd.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          ran.add("first ended");
        });
    warmUps.submit("second", () -> ran.add("second"));
    Thread.sleep(100);
    assertThat(ran).isEmpty(); // the node does not serve yet

    warmUps.nodeServing(new NodeServing());
    await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("first started"));
    Thread.sleep(100);
    assertThat(ran).containsExactly("first started"); // the second waits for the first

    firstMayEnd.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> ran.size() == 3);
    assertThat(ran).containsExactly("first started", "first ended", "second");
  }

  @Test
  void aWarmUpHandedInOnceTheNodeServesRunsAtOnce() {
    warmUps.nodeServing(new NodeServing());
    warmUps.submit("late", () -> ran.add("late"));

    await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("late"));
  }

  @Test
  void aCancelledWarmUpDoesNotRunAndARunningOneIsInterrupted() throws Exception {
    WarmUps.WarmUp waiting = warmUps.submit("waiting", () -> ran.add("waiting"));
    waiting.cancel();
    CountDownLatch started = new CountDownLatch(1);
    WarmUps.WarmUp running =
        warmUps.submit(
            "running",
            () -> {
              started.countDown();
              try {
                Thread.sleep(10_000);
                ran.add("slept on");
              } catch (InterruptedException e) {
                ran.add("interrupted");
              }
            });
    warmUps.nodeServing(new NodeServing());
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    running.cancel();

    await().atMost(Duration.ofSeconds(5)).until(() -> ran.contains("interrupted"));
    assertThat(ran).containsExactly("interrupted");
  }
}
