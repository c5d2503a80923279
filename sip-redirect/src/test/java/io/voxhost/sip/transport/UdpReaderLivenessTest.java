package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voxhost.platform.concurrent.Liveness;
import io.voxhost.platform.concurrent.RoleThreads;
import io.voxhost.platform.metrics.Meters;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A SIP UDP reader answers much of what it reads on its own thread, so the watchdog judges it by
 * the datagram in its hands: one waiting in receive() is alive however long it waits, one stuck in
 * a handler for a whole interval is not. A real socket on loopback; the test moves the clock.
 */
class UdpReaderLivenessTest {

  private static final long INTERVAL = Duration.ofSeconds(15).toNanos();

  private final AtomicLong clock = new AtomicLong();
  private final Liveness liveness = new Liveness(clock::get, Liveness.DEFAULT_LONGEST_TASK);
  private final RoleThreads threads =
      new RoleThreads(new Meters(new SimpleMeterRegistry()), liveness);
  private final CountDownLatch handling = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final UdpListener listener =
      new UdpListener(new InetSocketAddress("127.0.0.1", 0), 1, 65_536, 4_096, threads);

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    listener.stopReading(Instant.now().plusSeconds(5));
    listener.stop();
  }

  @Test
  void aReaderStuckInAHandlerIsStuckOneWaitingInReceiveIsNot() throws Exception {
    listener.start(
        socket ->
            (data, source) -> {
              handling.countDown();
              try {
                release.await(60, TimeUnit.SECONDS); // a handler that hangs
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    assertThat(liveness.watched()).containsExactly("voxhost-sip-udp-0");
    for (int interval = 0; interval < 3; interval++) {
      clock.addAndGet(INTERVAL); // no traffic: waiting in receive() the whole time
      assertThat(liveness.check()).isEmpty();
    }

    try (DatagramChannel phone = DatagramChannel.open()) {
      phone.send(
          ByteBuffer.wrap("INVITE".getBytes(StandardCharsets.US_ASCII)), listener.localAddress());
    }
    assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
    clock.addAndGet(INTERVAL);
    assertThat(liveness.check()).as("took the datagram up within the interval").isEmpty();
    clock.addAndGet(INTERVAL);
    assertThat(liveness.check()).containsExactly("voxhost-sip-udp-0");
    clock.addAndGet(INTERVAL);
    assertThat(liveness.check()).containsExactly("voxhost-sip-udp-0");

    release.countDown(); // back to receive(): alive again
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              clock.addAndGet(INTERVAL);
              return liveness.check().isEmpty();
            });
    clock.addAndGet(INTERVAL);
    assertThat(liveness.check()).isEmpty();
  }
}
