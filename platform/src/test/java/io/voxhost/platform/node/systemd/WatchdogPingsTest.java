package io.voxhost.platform.node.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.voxhost.platform.concurrent.Liveness;
import io.voxhost.platform.concurrent.RoleEventLoops;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.testing.NotifyReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog pings systemd only while every loop runs what it is given: real pools, real event
 * loops and a real notification socket; a loop blocked on a latch stops the pings until it turns
 * again.
 */
class WatchdogPingsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Meters meters = new Meters(registry);
  private final Liveness liveness = new Liveness();
  private final RoleThreads threads = new RoleThreads(meters, liveness);
  private final RoleEventLoops loops = new RoleEventLoops(meters, liveness);
  private final CountDownLatch release = new CountDownLatch(1);
  private NotifyReceiver systemd;
  private SystemdNotifier notifier;
  private Counter withheld;
  private WatchdogPings pings;

  @BeforeEach
  void connect() throws Exception {
    systemd = NotifyReceiver.abstractName();
    notifier =
        SystemdNotifier.fromEnvironment(
            Map.of("NOTIFY_SOCKET", systemd.notifySocket()), ProcessHandle.current().pid());
    withheld = meters.counter(new MeterName("node", "watchdog_withheld", null), "withheld");
    pings = new WatchdogPings(notifier, liveness, withheld);
  }

  @AfterEach
  void close() {
    release.countDown();
    notifier.close();
    systemd.close();
  }

  @Test
  void aStuckEventLoopStopsThePingsUntilItTurnsAgain() throws Exception {
    EventLoopGroup group = loops.group("tftp", 1);
    ThreadPoolExecutor workers = threads.pool("sip", "workers", 2, 10);
    try {
      pings.first();
      awaitTicksThatPing();
      long before = pingsReceived();

      CountDownLatch blocked = new CountDownLatch(1);
      group.next().execute(() -> block(blocked));
      blocked.await(10, TimeUnit.SECONDS);
      // The probe from before may have run; the next one waits behind the blocked handler. The
      // other loops' probes run at once, but a tick may come before they did: ticks are
      // seconds apart in a node, microseconds here.
      awaitTickBlaming("voxhost-tftp-loop-1");
      awaitTickBlaming("voxhost-tftp-loop-1");
      long during = pingsReceived();
      assertThat(withheld.count()).isGreaterThanOrEqualTo(2);
      awaitTickBlaming("voxhost-tftp-loop-1");
      assertThat(pingsReceived()).isEqualTo(during);

      release.countDown();
      awaitTicksThatPing();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pingsReceived() > during);
      assertThat(during).isGreaterThanOrEqualTo(before);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
      workers.shutdownNow();
    }
  }

  @Test
  void workersAllBlockedStopThePings() throws Exception {
    ThreadPoolExecutor workers = threads.pool("sip", "workers", 1, 10);
    try {
      pings.first();
      CountDownLatch blocked = new CountDownLatch(1);
      workers.execute(() -> block(blocked));
      blocked.await(10, TimeUnit.SECONDS);
      workers.execute(() -> {}); // work waits behind the blocked worker
      awaitTickBlaming("voxhost-sip-workers");
    } finally {
      workers.shutdownNow();
    }
    // A pool shut down on purpose is no longer watched.
    assertThat(pings.tick()).isEmpty();
    assertThat(liveness.watched()).doesNotContain("voxhost-sip-workers");
  }

  @Test
  void aDedicatedThreadThatDiedStopsThePingsUnlessItWasMeantTo() throws Exception {
    AtomicBoolean meantToEnd = new AtomicBoolean();
    Thread reader = threads.thread("sip", "udp-0", () -> {});
    threads.watchThread("sip", "udp-0", reader, meantToEnd::get);
    reader.start();
    reader.join(10_000);
    pings.first();
    assertThat(pings.tick()).containsExactly("voxhost-sip-udp-0");
    meantToEnd.set(true);
    assertThat(pings.tick()).isEmpty();
  }

  @Test
  void aPoolWithAFullQueueThatKeepsCompletingKeepsThePings() throws Exception {
    ThreadPoolExecutor workers = threads.pool("recording", "assembly", 1, 1);
    try {
      pings.first();
      for (int round = 0; round < 5; round++) {
        long completed = workers.getCompletedTaskCount();
        CountDownLatch ran = new CountDownLatch(1);
        workers.execute(ran::countDown);
        try {
          workers.execute(() -> {}); // the queue of one may be full: refused, as under a flood
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // busy, not stuck
        }
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> workers.getCompletedTaskCount() > completed);
        assertThat(pings.tick()).isEmpty();
      }
    } finally {
      workers.shutdownNow();
    }
  }

  private void awaitTicksThatPing() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> pings.tick().isEmpty());
  }

  private void awaitTickBlaming(String loop) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> pings.tick().equals(java.util.List.of(loop)));
  }

  private long pingsReceived() {
    return systemd.count("WATCHDOG=1");
  }

  private void block(CountDownLatch blocked) {
    blocked.countDown();
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
