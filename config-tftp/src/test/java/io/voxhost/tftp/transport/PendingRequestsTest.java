package io.voxhost.tftp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.voxhost.tftp.codec.MalformedPacket;
import io.voxhost.tftp.codec.TftpCodec;
import io.voxhost.tftp.codec.TftpPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which repeated requests the listener takes for copies, on a clock of the test's own. */
class PendingRequestsTest {

  private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 40000);
  private static final InetSocketAddress OTHER = new InetSocketAddress("192.0.2.10", 40001);

  private final AtomicLong now = new AtomicLong();
  private final PendingRequests pending = new PendingRequests(now::get);

  @Test
  void aRepeatOfAWaitingRequestIsACopyUntilTheWaitIsOverOrForgotten() {
    pending.waiting(CLIENT);
    assertThat(pending.absorbsRepeat(CLIENT, "f.bin")).isTrue();
    assertThat(pending.absorbsRepeat(OTHER, "f.bin")).isFalse();

    now.addAndGet(PendingRequests.WAIT_MEMORY_NANOS - 1);
    assertThat(pending.absorbsRepeat(CLIENT, "f.bin")).isTrue();
    now.addAndGet(1); // the ledger may have dropped it unanswered: the next copy is a new request
    assertThat(pending.absorbsRepeat(CLIENT, "f.bin")).isFalse();

    pending.waiting(CLIENT);
    pending.doneWaiting(CLIENT);
    assertThat(pending.absorbsRepeat(CLIENT, "f.bin")).isFalse();
  }

  @Test
  void aRepeatOfARunningTransfersRequestSendsItsOpeningPacketAgain() {
    TransferPlan plan = new TransferPlan("f.bin", 512, 1, List.of(), 1000, 20, 5);
    TftpTransfer transfer =
        new TftpTransfer(
            CLIENT, new BytesSource(new byte[100]), plan, new IgnoredEvents(), now::get);
    EmbeddedChannel channel = new EmbeddedChannel(transfer);
    assertThat(sent(channel)).containsExactly(1);
    pending.started(CLIENT, transfer);

    assertThat(pending.absorbsRepeat(CLIENT, "f.bin")).isTrue();
    channel.runPendingTasks();
    assertThat(sent(channel)).containsExactly(1);

    assertThat(pending.absorbsRepeat(CLIENT, "other.bin")).isTrue(); // a copy, but not of this
    channel.runPendingTasks();
    assertThat(sent(channel)).isEmpty();

    pending.ended(CLIENT, transfer);
    assertThat(pending.absorbsRepeat(CLIENT, "f.bin")).isFalse();
    assertThat(channel.finish()).isFalse();
  }

  /** The blocks of the DATA packets the transfer sent since the last call. */
  private static List<Integer> sent(EmbeddedChannel channel) {
    List<Integer> blocks = new ArrayList<>();
    DatagramPacket packet;
    while ((packet = channel.readOutbound()) != null) {
      try {
        blocks.add(((TftpPacket.Data) TftpCodec.decode(packet.content())).block());
      } catch (MalformedPacket e) {
        throw new AssertionError(e);
      } finally {
        packet.release();
      }
    }
    return blocks;
  }

  private static final class IgnoredEvents implements TransferEvents {
    @Override
    public void acknowledged(InetSocketAddress client) {}

    @Override
    public void resent(long blocks, boolean afterTimeout) {}

    @Override
    public void ended(InetSocketAddress client, TransferOutcome outcome, long bytesSent) {}
  }
}
