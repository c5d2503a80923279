package io.voxhost.tftp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.voxhost.platform.limits.SourceRateLimit;
import io.voxhost.platform.metrics.Meters;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The listener's rate gate on an {@link EmbeddedChannel}, on a clock of the test's own. */
class SourceRateGateTest {

  private static final InetSocketAddress LISTENER = new InetSocketAddress("192.0.2.1", 69);
  private static final InetSocketAddress PHONE = new InetSocketAddress("192.0.2.10", 40000);
  private static final InetSocketAddress OTHER_PHONE = new InetSocketAddress("192.0.2.11", 40000);

  private final AtomicLong now = new AtomicLong();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new SourceRateGate(
              new SourceRateLimit(1, 2, 100),
              new TftpMetrics(new Meters(registry), () -> 0),
              now::get));

  @AfterEach
  void leavesNothingBehind() {
    assertThat(channel.finish()).isFalse();
  }

  /** Sends a packet from {@code sender}; true when it went on past the gate. */
  private boolean passes(InetSocketAddress sender) {
    ByteBuf buffer = channel.alloc().buffer().writeBytes(new byte[] {0, 1, 'a', 0});
    channel.writeInbound(new DatagramPacket(buffer, LISTENER, sender));
    DatagramPacket through = channel.readInbound();
    if (through == null) {
      assertThat(buffer.refCnt()).isZero();
      return false;
    }
    through.release();
    return true;
  }

  @Test
  void dropsAnAddressOverItsRateUntilItsBucketRefillsAndLetsOthersThrough() {
    assertThat(passes(PHONE)).isTrue();
    assertThat(passes(PHONE)).isTrue(); // the burst
    assertThat(passes(PHONE)).isFalse();
    assertThat(passes(OTHER_PHONE)).isTrue();

    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(passes(PHONE)).isTrue();
    assertThat(passes(PHONE)).isFalse();

    assertThat(
            registry.get("voxhost_tftp_requests").tag("outcome", "rate_limited").counter().count())
        .isEqualTo(2);
    assertThat((Object) channel.readOutbound()).isNull(); // never answered
  }
}
