package io.voxhost.tftp.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.voxhost.tftp.codec.Option;
import io.voxhost.tftp.codec.TftpCodec;
import io.voxhost.tftp.codec.TftpPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs made-up transfers over loopback before phones' storms come, so that the JIT has compiled a
 * transfer's path by then: measured, the first storms after a start cost two to three times the CPU
 * per file of later ones, the compiler taking 40 % of the node. Each transfer is a real {@link
 * TftpTransfer} on a socket made as the listener makes them, sending bytes of its own to a client
 * socket of this class on 127.0.0.1, half of them opened by an OACK (blksize 1428), half by DATA 1
 * (512). No file, device, ledger, audit record or metric is involved, and nothing leaves loopback.
 */
final class TftpWarmUp {

  private static final Logger LOG = Logger.getLogger(TftpWarmUp.class);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /** A config's size, a few blocks at either block size. */
  private static final byte[] CONTENT = new byte[4_600];

  /** Transfers running at once, as a storm runs them. */
  private static final int WAVE = 50;

  private final Supplier<Bootstrap> transferSockets;
  private final Supplier<Bootstrap> clientSockets;
  private final TransferSettings settings;

  /**
   * @param transferSockets bootstraps as the listener opens a transfer's socket with
   * @param clientSockets plain datagram bootstraps on the same event loops
   */
  TftpWarmUp(
      Supplier<Bootstrap> transferSockets,
      Supplier<Bootstrap> clientSockets,
      TransferSettings settings) {
    this.transferSockets = transferSockets;
    this.clientSockets = clientSockets;
    this.settings = settings;
  }

  /** Runs up to {@code transfers} transfers, for at most the budget; returns those completed. */
  int run(int transfers, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    int done = 0;
    Channel client = null;
    try {
      Waves waves = new Waves();
      client =
          clientSockets.get().handler(new AcknowledgingClient()).bind(LOOPBACK, 0).sync().channel();
      InetSocketAddress clientAddress = (InetSocketAddress) client.localAddress();
      while (done < transfers && System.nanoTime() < deadline && !Thread.interrupted()) {
        int wave = Math.min(WAVE, transfers - done);
        CountDownLatch ended = waves.start(wave);
        for (int i = 0; i < wave; i++) {
          TftpTransfer transfer =
              new TftpTransfer(
                  clientAddress,
                  new BytesSource(CONTENT),
                  plan((done + i) % 2 == 0),
                  waves,
                  System::nanoTime);
          transferSockets.get().handler(transfer).bind(new InetSocketAddress(LOOPBACK, 0));
        }
        if (!ended.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          break;
        }
        done += wave;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.debugf("TFTP warm-up stopped after %d transfers: %s", done, e.toString());
    } finally {
      if (client != null) {
        client.close();
      }
    }
    return done;
  }

  private TransferPlan plan(boolean withOptions) {
    return new TransferPlan(
        "warm-up",
        withOptions ? 1428 : 512,
        1,
        withOptions ? List.of(new Option("blksize", "1428")) : List.of(),
        settings.timeout().toMillis(),
        settings.minRetransmit().toMillis(),
        settings.maxTimeouts());
  }

  /** Counts the transfers of the current wave down as they end. */
  private static final class Waves implements TransferEvents {

    private volatile CountDownLatch current = new CountDownLatch(0);

    CountDownLatch start(int transfers) {
      current = new CountDownLatch(transfers);
      return current;
    }

    @Override
    public void acknowledged(InetSocketAddress client) {}

    @Override
    public void resent(long blocks, boolean afterTimeout) {}

    @Override
    public void ended(InetSocketAddress client, TransferOutcome outcome, long bytesSent) {
      current.countDown();
    }
  }

  /**
   * The phones' side, one socket for every transfer: acknowledges an OACK with ACK 0 and each DATA
   * with its block, to the transfer's socket it came from.
   */
  private static final class AcknowledgingClient
      extends SimpleChannelInboundHandler<DatagramPacket> {

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      ByteBuf in = packet.content();
      if (in.readableBytes() < 2) {
        return;
      }
      int opcode = in.getUnsignedShort(in.readerIndex());
      int block;
      if (opcode == TftpPacket.OACK) {
        block = 0;
      } else if (opcode == TftpPacket.DATA && in.readableBytes() >= 4) {
        block = in.getUnsignedShort(in.readerIndex() + 2);
      } else {
        return; // an ERROR: the transfer has ended, and told its wave
      }
      ctx.writeAndFlush(
          new DatagramPacket(
              TftpCodec.encode(new TftpPacket.Ack(block), ctx.alloc()), packet.sender()),
          ctx.voidPromise());
    }
  }
}
