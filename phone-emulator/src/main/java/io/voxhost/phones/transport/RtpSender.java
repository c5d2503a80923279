package io.voxhost.phones.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.voxhost.phones.codec.RtpPacket;
import io.voxhost.phones.service.Audio;
import io.voxhost.phones.service.MediaStreams;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RTP streams on a few event loops (one a core): every 5 ms each loop's streams send the packets
 * that are due (one each 20 ms of audio, held back by up to the jitter, never before the one before
 * it), drop their share of loss, and the loop flushes. Streams leave from one UDP socket per phone
 * address and loop, as a phone's media does; they are bounded in number for the whole process. A
 * packet the kernel would not take is counted as dropped, not sent.
 */
public final class RtpSender implements MediaStreams, AutoCloseable {

  static final long PACKET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  static final int SAMPLES = 160;
  private static final long TICK_MILLIS = 5;

  private final EventLoopGroup group;
  private final List<Lane> lanes = new ArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger next = new AtomicInteger();
  private final int maxStreams;

  /** One loop: its streams and its sockets. */
  private final class Lane {
    final EventLoop loop;
    final Map<String, Channel> sockets = new ConcurrentHashMap<>();
    final Set<Flow> flows = ConcurrentHashMap.newKeySet();

    Lane(EventLoop loop) {
      this.loop = loop;
      loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
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

    Channel socket(String host) {
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
  }

  public RtpSender(int maxStreams) {
    this(maxStreams, Runtime.getRuntime().availableProcessors());
  }

  RtpSender(int maxStreams, int loops) {
    this.maxStreams = maxStreams;
    this.group = new NioEventLoopGroup(loops, new DefaultThreadFactory("phones-rtp", true));
    for (EventExecutor e : group) {
      lanes.add(new Lane((EventLoop) e));
    }
  }

  @Override
  public Optional<Stream> start(String host, InetSocketAddress to, Audio audio, long seed) {
    if (open.incrementAndGet() > maxStreams) {
      open.decrementAndGet();
      return Optional.empty();
    }
    Lane lane = lanes.get(Math.floorMod(next.getAndIncrement(), lanes.size()));
    Flow f = new Flow(lane, lane.socket(host), to, audio, seed);
    lane.flows.add(f);
    return Optional.of(f);
  }

  /** Streams being sent now. */
  public int streams() {
    return open.get();
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** One leg's stream. */
  private final class Flow implements Stream {
    private final Lane lane;
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

    private final java.util.concurrent.atomic.AtomicLong refused =
        new java.util.concurrent.atomic.AtomicLong();

    Flow(Lane lane, Channel socket, InetSocketAddress to, Audio audio, long seed) {
      this.lane = lane;
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
          socket
              .write(new DatagramPacket(Unpooled.wrappedBuffer(packet().bytes()), to))
              .addListener(
                  w -> {
                    if (!w.isSuccess()) {
                      refused.incrementAndGet();
                    }
                  });
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
        lane.flows.remove(this);
        open.decrementAndGet();
      }
      long notTaken = refused.get();
      return new Sent(sent - notTaken, dropped + notTaken);
    }
  }
}
