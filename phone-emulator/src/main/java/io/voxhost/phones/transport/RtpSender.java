package io.voxhost.phones.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.voxhost.phones.codec.RtpPacket;
import io.voxhost.phones.service.Audio;
import io.voxhost.phones.service.MediaStreams;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RTP streams on one event loop: every 5 ms each stream sends the packets that are due (one each 20
 * ms of audio, held back by up to the jitter, never before the one before it), drops its share of
 * loss, and the loop flushes. Streams leave from one UDP socket per phone address, as a phone's
 * media does; they are bounded in number for the whole process.
 */
public final class RtpSender implements MediaStreams, AutoCloseable {

  static final long PACKET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  static final int SAMPLES = 160;
  private static final long TICK_MILLIS = 5;

  private final EventLoopGroup loop =
      new NioEventLoopGroup(1, new DefaultThreadFactory("phones-rtp", true));
  private final Map<String, Channel> sockets = new ConcurrentHashMap<>();
  private final Set<Flow> flows = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final int maxStreams;

  public RtpSender(int maxStreams) {
    this.maxStreams = maxStreams;
    loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<Stream> start(String host, InetSocketAddress to, Audio audio, long seed) {
    if (open.incrementAndGet() > maxStreams) {
      open.decrementAndGet();
      return Optional.empty();
    }
    Flow f = new Flow(socket(host), to, audio, seed);
    flows.add(f);
    return Optional.of(f);
  }

  /** Streams being sent now. */
  public int streams() {
    return open.get();
  }

  private Channel socket(String host) {
    return sockets.computeIfAbsent(
        host,
        h ->
            new Bootstrap()
                .group(loop)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_SNDBUF, 1024 * 1024)
                .handler(
                    // Nothing comes back on a forked leg; whatever does is let go.
                    new ChannelInboundHandlerAdapter() {
                      @Override
                      public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                      }
                    })
                .bind(h, 0)
                .syncUninterruptibly()
                .channel());
  }

  private void tick() {
    long now = System.nanoTime();
    for (Flow f : flows) {
      f.due(now);
    }
    for (Channel c : sockets.values()) {
      c.flush();
    }
  }

  @Override
  public void close() {
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One leg's stream. */
  private final class Flow implements Stream {
    private final Channel socket;
    private final InetSocketAddress to;
    private final byte[] samples;
    private final int payloadType;
    private final double loss;
    private final long jitterNanos;
    private final SplittableRandom random;
    private final long ssrc;
    private final int firstSequence;
    private final long firstTimestamp;
    private final long started = System.nanoTime();
    private long n;
    private long due = started;
    private long sent;
    private long dropped;
    private boolean stopped;

    Flow(Channel socket, InetSocketAddress to, Audio audio, long seed) {
      this.socket = socket;
      this.to = to;
      this.samples = audio.samples();
      this.payloadType = audio.payloadType();
      this.loss = audio.loss();
      this.jitterNanos = audio.jitter().toNanos();
      this.random = new SplittableRandom(seed);
      this.ssrc = random.nextLong() & 0xffffffffL;
      this.firstSequence = random.nextInt(1 << 16);
      this.firstTimestamp = random.nextLong() & 0xffffffffL;
    }

    synchronized void due(long now) {
      while (!stopped && now >= due) {
        if (random.nextDouble() < loss) {
          dropped++;
        } else {
          socket.write(new DatagramPacket(Unpooled.wrappedBuffer(packet().bytes()), to));
          sent++;
        }
        n++;
        long nominal = started + n * PACKET_NANOS;
        due = Math.max(due, nominal + (jitterNanos == 0 ? 0 : random.nextLong(jitterNanos + 1)));
      }
    }

    private RtpPacket packet() {
      byte[] payload = new byte[SAMPLES];
      int from = (int) ((n * SAMPLES) % samples.length);
      for (int i = 0; i < SAMPLES; i++) {
        payload[i] = samples[(from + i) % samples.length];
      }
      return new RtpPacket(
          payloadType,
          n == 0,
          (int) ((firstSequence + n) & 0xffff),
          (firstTimestamp + n * SAMPLES) & 0xffffffffL,
          ssrc,
          payload);
    }

    @Override
    public synchronized Sent stop() {
      if (!stopped) {
        stopped = true;
        flows.remove(this);
        open.decrementAndGet();
      }
      return new Sent(sent, dropped);
    }
  }
}
