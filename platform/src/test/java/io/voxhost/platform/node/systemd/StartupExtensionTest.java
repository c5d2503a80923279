package io.voxhost.platform.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import io.voxhost.platform.testing.NotifyReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * More start-up time: while the slow step runs (on a first start, until the node is ready), never
 * after start-up failed, never beyond its bound.
 */
class StartupExtensionTest {

  private static final long PID = ProcessHandle.current().pid();
  private static final Duration EVERY = Duration.ofMillis(100);
  private static final String EXTEND = "EXTEND_TIMEOUT_USEC";

  @TempDir Path dir;

  @Test
  void asksEveryPeriodWhileTheStepRunsAndNotAfter() throws Exception {
    AtomicBoolean initdb = new AtomicBoolean(true);
    AtomicBoolean startingUp = new AtomicBoolean(true);
    try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
        SystemdNotifier notifier = notifier(systemd);
        StartupExtension extension =
            StartupExtension.whileRunning(
                notifier,
                "the first start",
                () -> initdb.get() || startingUp.get(),
                EVERY,
                Duration.ofMinutes(1))) {
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> extensions(systemd) >= 3);
      assertThat(systemd.notifications().get(0).get(EXTEND)).isEqualTo("200000");

      initdb.set(false); // the database runs; migrations and roles follow
      long afterDatabase = extensions(systemd);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> extensions(systemd) >= afterDatabase + 3);

      startingUp.set(false); // started: READY=1 follows
      long last = awaitNoMore(systemd);
      assertThat(extensions(systemd)).isEqualTo(last);
    }
  }

  @Test
  void aFailedStartUpStopsAsking() throws Exception {
    try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
        SystemdNotifier notifier = notifier(systemd)) {
      StartupExtension extension =
          StartupExtension.whileRunning(notifier, "test", () -> true, EVERY, Duration.ofMinutes(1));
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> extensions(systemd) >= 2);
      extension.close();
      long last = awaitNoMore(systemd);
      assertThat(extensions(systemd)).isEqualTo(last);
    }
  }

  @Test
  void neverAsksForMoreThanItsBound() throws Exception {
    try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
        SystemdNotifier notifier = notifier(systemd);
        StartupExtension extension =
            StartupExtension.whileRunning(
                notifier, "test", () -> true, EVERY, EVERY.multipliedBy(3))) {
      long last = awaitNoMore(systemd);
      assertThat(last).isBetween(1L, 4L);
    }
  }

  /** Waits until three periods pass without a request; returns how many there were. */
  private static long awaitNoMore(NotifyReceiver systemd) {
    long[] seen = {-1};
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(EVERY.multipliedBy(3))
        .until(
            () -> {
              long now = extensions(systemd);
              boolean still = now == seen[0];
              seen[0] = now;
              return still;
            });
    return seen[0];
  }

  private static long extensions(NotifyReceiver systemd) {
    return systemd.notifications().stream().filter(n -> n.get(EXTEND) != null).count();
  }

  private static SystemdNotifier notifier(NotifyReceiver systemd) {
    return SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", systemd.notifySocket()), PID);
  }
}
