package io.voxhost.platform.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.voxhost.platform.metrics.Meters;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RoleThreadsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final RoleThreads threads = new RoleThreads(new Meters(registry));

  @Test
  void aPoolRefusesWorkBeyondItsQueueAndShowsTheQueueAsAGauge() throws Exception {
    ThreadPoolExecutor pool = threads.pool("sip", "workers", 1, 2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<String> name = new AtomicReference<>();
    try {
      pool.execute(
          () -> {
            name.set(Thread.currentThread().getName());
            await(release);
          });
      pool.execute(() -> {});
      pool.execute(() -> {});

      assertThatThrownBy(() -> pool.execute(() -> {}))
          .isInstanceOf(RejectedExecutionException.class);
      assertThat(registry.get("voxhost_sip_workers_queued_tasks").gauge().value()).isEqualTo(2);
    } finally {
      release.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(name.get()).isEqualTo("voxhost-sip-workers-1");
  }

  @Test
  void theGaugeFollowsThePoolMadeLastWhenARoleRestarts() throws Exception {
    ThreadPoolExecutor first = threads.pool("tftp", "device-loads", 1, 5);
    first.shutdown();
    ThreadPoolExecutor second = threads.pool("tftp", "device-loads", 1, 5);
    CountDownLatch release = new CountDownLatch(1);
    try {
      second.execute(() -> await(release));
      second.execute(() -> {});
      assertThat(registry.get("voxhost_tftp_device_loads_queued_tasks").gauge().value())
          .isEqualTo(1);
      assertThat(registry.find("voxhost_tftp_device_loads_queued_tasks").gauges()).hasSize(1);
    } finally {
      release.countDown();
      second.shutdown();
    }
  }

  @Test
  void aDedicatedThreadIsANamedDaemonAndNamesAreChecked() {
    Thread loop = threads.thread("sip", "journal", () -> {});
    assertThat(loop.getName()).isEqualTo("voxhost-sip-journal");
    assertThat(loop.isDaemon()).isTrue();
    assertThatThrownBy(() -> threads.thread("SIP", "x y", () -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eventLoopsAreNamedForTheirRoleAndTheirPendingTasksAreAGauge() throws Exception {
    RoleEventLoops loops = new RoleEventLoops(new Meters(registry));
    EventLoopGroup group = loops.group("tftp", 1);
    try {
      String name = group.next().submit(() -> Thread.currentThread().getName()).get();
      assertThat(name).startsWith("voxhost-tftp-loop-");
      assertThat(registry.get("voxhost_tftp_event_loop_queued_tasks").gauge().value()).isZero();
      assertThat(loops.udp(group).config().channelFactory()).isNotNull();
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
