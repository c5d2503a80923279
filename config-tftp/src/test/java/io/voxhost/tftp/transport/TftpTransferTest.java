package io.voxhost.tftp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.voxhost.tftp.codec.MalformedPacket;
import io.voxhost.tftp.codec.Option;
import io.voxhost.tftp.codec.TftpCodec;
import io.voxhost.tftp.codec.TftpPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transfer state machine on an {@link EmbeddedChannel}: every loss is a packet not fed in. */
class TftpTransferTest {

  private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 40000);
  private static final InetSocketAddress STRANGER = new InetSocketAddress("192.0.2.10", 40001);
  private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 50000);

  private final List<EmbeddedChannel> channels = new ArrayList<>();
  private final List<TransferOutcome> outcomes = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong now =
      new java.util.concurrent.atomic.AtomicLong();
  private int acknowledgments;
  private final java.util.concurrent.atomic.AtomicLong resentAfterGap =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong resentAfterTimeout =
      new java.util.concurrent.atomic.AtomicLong();
  private final TransferEvents events =
      new TransferEvents() {
        @Override
        public void acknowledged(InetSocketAddress client) {
          acknowledgments++;
        }

        @Override
        public void resent(long blocks, boolean afterTimeout) {
          (afterTimeout ? resentAfterTimeout : resentAfterGap).addAndGet(blocks);
        }

        @Override
        public void ended(InetSocketAddress client, TransferOutcome outcome, long delivered) {
          outcomes.add(outcome);
        }
      };

  private static byte[] file(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + i / 512);
    }
    return bytes;
  }

  private EmbeddedChannel transfer(byte[] content, int blockSize, int window, List<Option> oack) {
    TransferPlan plan = new TransferPlan("f.bin", blockSize, window, oack, 1000, 20, 5);
    EmbeddedChannel channel =
        new EmbeddedChannel(
            new TftpTransfer(CLIENT, new BytesSource(content), plan, events, now::get));
    channels.add(channel);
    return channel;
  }

  /** Every test reads (and releases) all its transfer sent; finishing finds nothing left. */
  @AfterEach
  void everyPacketSentWasRead() {
    for (EmbeddedChannel channel : channels) {
      assertThat(channel.finish()).as("packets sent but not read").isFalse();
    }
  }

  /** Feeds a packet to the transfer, which must release it. */
  private static void send(EmbeddedChannel channel, InetSocketAddress from, TftpPacket packet) {
    receive(channel, from, TftpCodec.encode(packet, channel.alloc()));
  }

  private static void receive(EmbeddedChannel channel, InetSocketAddress from, ByteBuf bytes) {
    channel.writeInbound(new DatagramPacket(bytes, SERVER, from));
    assertThat(bytes.refCnt()).as("the packet's buffer, released").isZero();
  }

  private static void ack(EmbeddedChannel channel, int block) {
    send(channel, CLIENT, new TftpPacket.Ack(block & 0xFFFF));
  }

  /** Every packet the transfer sent since the last call, decoded. */
  private static List<TftpPacket> sent(EmbeddedChannel channel) {
    List<TftpPacket> out = new ArrayList<>();
    DatagramPacket packet;
    while ((packet = channel.readOutbound()) != null) {
      try {
        assertThat(packet.recipient()).isEqualTo(CLIENT);
        out.add(TftpCodec.decode(packet.content()));
      } catch (MalformedPacket e) {
        throw new AssertionError(e);
      } finally {
        packet.release();
      }
    }
    return out;
  }

  private static List<Integer> blocks(List<TftpPacket> packets) {
    return packets.stream().map(p -> ((TftpPacket.Data) p).block()).toList();
  }

  private void elapse(EmbeddedChannel channel, long millis) {
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void sendsInLockStepAndSendsALostDataBlockAgainAfterTheTimeout() {
    byte[] content = file(1100);
    EmbeddedChannel channel = transfer(content, 512, 1, List.of());
    assertThat(blocks(sent(channel))).containsExactly(1);

    ack(channel, 1);
    assertThat(blocks(sent(channel))).containsExactly(2); // and it is lost

    elapse(channel, 1000);
    List<TftpPacket> again = sent(channel);
    assertThat(blocks(again)).containsExactly(2);
    assertThat(((TftpPacket.Data) again.get(0)).payload()).hasSize(512);

    ack(channel, 2);
    List<TftpPacket> last = sent(channel);
    assertThat(((TftpPacket.Data) last.get(0)).payload()).hasSize(76);
    ack(channel, 3);

    assertThat(outcomes).containsExactly(TransferOutcome.COMPLETED);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aLostAckLeadsToOneResendAndTheDuplicateAckThatFollowsSendsNothing() {
    EmbeddedChannel channel = transfer(file(2000), 512, 1, List.of());
    sent(channel);
    ack(channel, 1);
    assertThat(blocks(sent(channel))).containsExactly(2);
    // The client's ACK 2 is lost: the timer sends block 2 again.
    elapse(channel, 1000);
    assertThat(blocks(sent(channel))).containsExactly(2);

    ack(channel, 2);
    assertThat(blocks(sent(channel))).containsExactly(3);
    ack(channel, 2); // the client's answer to the resent block 2: a duplicate
    ack(channel, 2);
    assertThat(sent(channel)).isEmpty(); // no Sorcerer's Apprentice

    ack(channel, 3);
    assertThat(blocks(sent(channel))).containsExactly(4);
  }

  @Test
  void aFileOfWholeBlocksEndsWithAnEmptyOne() {
    EmbeddedChannel channel = transfer(file(1024), 512, 1, List.of());
    sent(channel);
    ack(channel, 1);
    sent(channel);
    ack(channel, 2);
    List<TftpPacket> last = sent(channel);
    assertThat(blocks(last)).containsExactly(3);
    assertThat(((TftpPacket.Data) last.get(0)).payload()).isEmpty();
    ack(channel, 3);
    assertThat(outcomes).containsExactly(TransferOutcome.COMPLETED);
  }

  @Test
  void aWindowOfSixteenWithALossInTheMiddleResendsFromTheGapAtOnce() {
    byte[] content = file(20 * 512 + 10);
    List<Option> oack = List.of(new Option("windowsize", "16"));
    EmbeddedChannel channel = transfer(content, 512, 16, oack);
    assertThat(sent(channel)).containsExactly(new TftpPacket.OptionAck(oack));

    ack(channel, 0);
    assertThat(blocks(sent(channel))).hasSize(16).startsWith(1).endsWith(16);

    ack(channel, 7); // the client saw block 9 without block 8
    List<Integer> resent = blocks(sent(channel));
    assertThat(resent).startsWith(8).endsWith(21).hasSize(14);

    ack(channel, 7); // the same gap reported twice: ignored
    assertThat(sent(channel)).isEmpty();

    ack(channel, 21);
    assertThat(outcomes).containsExactly(TransferOutcome.COMPLETED);
  }

  @Test
  void aTimeoutInAWindowResendsTheWindowFromTheLastAck() {
    EmbeddedChannel channel =
        transfer(file(40 * 512), 512, 8, List.of(new Option("windowsize", "8")));
    sent(channel);
    ack(channel, 0);
    assertThat(blocks(sent(channel))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

    elapse(channel, 1000); // the window's ACK is lost
    assertThat(blocks(sent(channel))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    ack(channel, 8);
    assertThat(blocks(sent(channel))).containsExactly(9, 10, 11, 12, 13, 14, 15, 16);
  }

  @Test
  void aTimeoutAfterTheFirstRoundTripComesAtTheMeasuredIntervalNotTheOpeningOne() {
    EmbeddedChannel channel =
        transfer(file(40 * 512), 512, 8, List.of(new Option("windowsize", "8")));
    sent(channel); // the OACK, timed by the full 1 s timeout: no round trip is known yet
    elapse(channel, 2);
    ack(channel, 0); // a 2 ms round trip: the interval is now the 20 ms floor
    assertThat(blocks(sent(channel))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

    elapse(channel, 25); // the whole window is lost
    assertThat(blocks(sent(channel))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(resentAfterTimeout).hasValue(8);
  }

  @Test
  void aTimeoutAfterAGapResendsAWholeWindowFromTheGap() {
    EmbeddedChannel channel =
        transfer(file(40 * 512), 512, 8, List.of(new Option("windowsize", "8")));
    sent(channel);
    ack(channel, 0);
    assertThat(blocks(sent(channel))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

    ack(channel, 3); // block 4 was lost
    assertThat(blocks(sent(channel))).containsExactly(4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(resentAfterGap).hasValue(5);

    // That resent window is lost too. The client counts its window from block 3, so the timeout
    // sends eight blocks from there again, not only the five it had before the gap.
    elapse(channel, 1000);
    assertThat(blocks(sent(channel))).containsExactly(4, 5, 6, 7, 8, 9, 10, 11);
    assertThat(resentAfterTimeout).hasValue(8);
    ack(channel, 11);
    assertThat(blocks(sent(channel))).startsWith(12).hasSize(8);
  }

  @Test
  void blockNumbersWrapFrom65535ToZero() {
    int blocks = 70_000;
    byte[] content = file(blocks * 8 + 3);
    EmbeddedChannel channel = transfer(content, 8, 64, List.of(new Option("windowsize", "64")));
    sent(channel);
    ack(channel, 0);
    long received = 0;
    List<Integer> seen = new ArrayList<>();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    while (channel.isOpen()) {
      List<TftpPacket> window = sent(channel);
      assertThat(window).isNotEmpty();
      int lastWire = 0;
      for (TftpPacket p : window) {
        TftpPacket.Data d = (TftpPacket.Data) p;
        received++;
        if (received >= 65534 && received <= 65538) {
          seen.add(d.block());
        }
        bytes.writeBytes(d.payload());
        lastWire = d.block();
      }
      ack(channel, lastWire);
    }
    assertThat(seen).containsExactly(65534, 65535, 0, 1, 2);
    assertThat(bytes.toByteArray()).isEqualTo(content);
    assertThat(outcomes).containsExactly(TransferOutcome.COMPLETED);
  }

  @Test
  void aClientThatNeverAcknowledgesGetsOnePacketAndTheTransferIsDropped() {
    EmbeddedChannel channel = transfer(file(5000), 512, 1, List.of());
    assertThat(sent(channel)).hasSize(1);

    for (int i = 0; i < 6; i++) {
      elapse(channel, 1000);
    }

    assertThat(sent(channel)).isEmpty();
    assertThat(outcomes).containsExactly(TransferOutcome.TIMED_OUT);
    channel.runPendingTasks(); // the close waits for the loop's current read to end
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void aClientThatStopsAcknowledgingIsDroppedAfterTheAllowedTimeouts() {
    EmbeddedChannel channel = transfer(file(5000), 512, 1, List.of());
    sent(channel);
    ack(channel, 1);
    sent(channel);

    for (int i = 0; i < 5; i++) {
      elapse(channel, 1000);
      assertThat(blocks(sent(channel))).containsExactly(2);
    }
    elapse(channel, 1000);

    assertThat(sent(channel)).isEmpty();
    assertThat(outcomes).containsExactly(TransferOutcome.TIMED_OUT);
  }

  @Test
  void aFastClientThatStallsForSecondsIsNotDroppedBeforeItsTimeoutsHavePassed() {
    EmbeddedChannel channel = transfer(file(2000), 512, 1, List.of());
    sent(channel);
    elapse(channel, 1);
    ack(channel, 1);
    sent(channel);

    // The measured round trip is a millisecond: retransmissions come fast and back off, but the
    // client is given its five full timeouts of silence.
    for (int i = 0; i < 400; i++) {
      elapse(channel, 10);
    }
    assertThat(blocks(sent(channel))).isNotEmpty().containsOnly(2);
    assertThat(outcomes).isEmpty();

    ack(channel, 2);
    assertThat(blocks(sent(channel))).containsExactly(3);
    ack(channel, 3);
    assertThat(blocks(sent(channel))).containsExactly(4);
    ack(channel, 4);
    assertThat(outcomes).containsExactly(TransferOutcome.COMPLETED);
  }

  @Test
  void aFastClientSilentForAllItsTimeoutsIsDropped() {
    EmbeddedChannel channel = transfer(file(2000), 512, 1, List.of());
    sent(channel);
    elapse(channel, 1);
    ack(channel, 1);
    sent(channel);

    for (int i = 0; i < 700; i++) {
      elapse(channel, 10);
    }
    sent(channel);

    assertThat(outcomes).containsExactly(TransferOutcome.TIMED_OUT);
  }

  @Test
  void aRepeatedRequestResendsTheOpeningPacketAFewTimesAtMost() {
    EmbeddedChannel channel = transfer(file(100), 512, 1, List.of(new Option("tsize", "100")));
    TftpTransfer transfer = channel.pipeline().get(TftpTransfer.class);
    sent(channel);

    for (int i = 0; i < 5; i++) {
      transfer.requestRepeated();
      channel.runPendingTasks();
    }

    assertThat(sent(channel)).hasSize(3).allMatch(p -> p instanceof TftpPacket.OptionAck);
  }

  @Test
  void aPacketFromAnotherTidGetsError5AndLeavesTheTransferAlone() {
    EmbeddedChannel channel = transfer(file(1000), 512, 1, List.of());
    sent(channel);

    send(channel, STRANGER, new TftpPacket.Ack(1));
    DatagramPacket error = channel.readOutbound();
    try {
      assertThat(error.recipient()).isEqualTo(STRANGER);
      assertThat(decodeQuietly(error.content()))
          .isEqualTo(new TftpPacket.ErrorPacket(5, "Unknown transfer ID"));
    } finally {
      error.release();
    }

    ack(channel, 1);
    assertThat(blocks(sent(channel))).containsExactly(2);
    assertThat(acknowledgments).isEqualTo(1);
  }

  @Test
  void aClientErrorAfterTheOackEndsTheTransferQuietly() {
    EmbeddedChannel channel = transfer(file(1000), 512, 1, List.of(new Option("tsize", "1000")));
    sent(channel);

    send(channel, CLIENT, new TftpPacket.ErrorPacket(8, "just wanted the size"));

    assertThat(sent(channel)).isEmpty();
    assertThat(outcomes).containsExactly(TransferOutcome.ABORTED_BY_CLIENT);
  }

  @Test
  void garbageFromTheClientEndsTheTransferWithError4() {
    EmbeddedChannel channel = transfer(file(1000), 512, 1, List.of());
    sent(channel);

    receive(channel, CLIENT, Unpooled.wrappedBuffer(new byte[] {0, 9, 1}));

    assertThat(sent(channel))
        .singleElement()
        .satisfies(p -> assertThat(((TftpPacket.ErrorPacket) p).code()).isEqualTo(4));
    assertThat(outcomes).containsExactly(TransferOutcome.PROTOCOL_ERROR);
  }

  private static TftpPacket decodeQuietly(ByteBuf content) {
    try {
      return TftpCodec.decode(content);
    } catch (MalformedPacket e) {
      throw new AssertionError(e);
    }
  }
}
