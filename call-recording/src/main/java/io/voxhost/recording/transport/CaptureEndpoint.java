package io.voxhost.recording.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.voxhost.platform.concurrent.RoleEventLoops;
import io.voxhost.platform.metrics.MeterName;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.net.IpNetwork;
import io.voxhost.platform.net.ListenAddress;
import io.voxhost.recording.RecordingConfig;
import io.voxhost.recording.service.CaptureClock;
import io.voxhost.recording.service.CapturedLeg;
import io.voxhost.recording.service.LegReceivers;
import io.voxhost.recording.service.RecordingSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * The RTP receivers: one UDP socket per leg, on a port from the configured range, all on a few
 * Netty event loops (epoll on Linux). A port is given to one leg at a time; one some other process
 * holds is skipped.
 *
 * <p>Ports are drawn at random, not in order: with ports handed out in sequence a stranger who saw
 * one session's port knows the next one's, and can be there first to latch its leg. A few random
 * draws find a free port while the range is mostly free; past them the next free port after the
 * last draw is taken, so that a nearly full range still finds its last ports in bounded time.
 */
@ApplicationScoped
public class CaptureEndpoint implements LegReceivers {

  private static final Logger LOG = Logger.getLogger(CaptureEndpoint.class);

  /** Random draws for a free port before the next free one after the last draw is taken. */
  private static final int RANDOM_DRAWS = 8;

  private final RecordingConfig config;
  private final BitSet used = new BitSet();
  private final SecureRandom random = new SecureRandom();
  private final RoleEventLoops loops;
  private final LongAdder unexpected;
  private final LongAdder unlatched;
  private EventLoopGroup group;

  CaptureEndpoint(RecordingConfig config, RoleEventLoops loops, Meters meters) {
    this.config = config;
    this.loops = loops;
    MeterName foreign = new MeterName("recording", "rtp_foreign", "packets");
    String what = "RTP packets dropped for coming from a source the leg does not take";
    this.unexpected = meters.adder(foreign, what, "reason", "unexpected-source");
    this.unlatched = meters.adder(foreign, what, "reason", "not-the-latched-source");
    RecordingSettings.requireRealPorts(config);
  }

  public synchronized void start() {
    if (group != null) {
      return;
    }
    group = loops.group("recording", config.threads());
  }

  public synchronized void stop() {
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
  }

  public synchronized boolean running() {
    return group != null;
  }

  /** The address and port range RTP is taken on, as {@code host:first-last/udp}. */
  public String listening() {
    return config.listen() + "/udp";
  }

  @Override
  public String advertisedHost() {
    ListenAddress listen = config.listen();
    return config.advertisedHost().orElse(listen.isWildcard() ? "127.0.0.1" : listen.host());
  }

  @Override
  public CapturedLeg open(
      String label, int index, Optional<IpNetwork> expected, Path spool, CaptureClock clock)
      throws IOException {
    LegCapture leg =
        new LegCapture(
            label, index, expected, spool, clock, new ForeignCounts(unexpected, unlatched));
    bind(leg);
    return leg;
  }

  /** Binds a socket for {@code leg} on a free port of the range. */
  private void bind(LegCapture leg) throws IOException {
    int span = config.listen().portCount();
    // Ports another process holds stay marked until this leg has one, so no draw lands on them
    // again and the search moves on through the range.
    List<Integer> refused = new ArrayList<>();
    try {
      for (int tries = 0; tries < span; tries++) {
        int port = take(span);
        if (port < 0) {
          break;
        }
        Bootstrap b =
            loops
                .udp(group)
                .option(ChannelOption.SO_RCVBUF, config.receiveBuffer())
                .handler(new Receiver(leg, this, port));
        try {
          Channel channel =
              b.bind(new InetSocketAddress(config.listen().host(), port)).sync().channel();
          // On the leg's own loop, so that its state is only ever touched from there.
          channel.eventLoop().submit(() -> leg.attach(channel)).sync();
          return;
        } catch (Exception e) {
          refused.add(port);
          if (!(e instanceof BindException) && !(e.getCause() instanceof BindException)) {
            LOG.debugf("Port %d: %s", port, e.toString());
          }
        }
      }
    } finally {
      refused.forEach(this::release);
    }
    throw new IOException("No free RTP port in " + config.listen());
  }

  /** Closes the leg's socket and spool on its event loop; completes when done. */
  @Override
  public CompletableFuture<Void> close(CapturedLeg captured) {
    LegCapture leg = (LegCapture) captured;
    CompletableFuture<Void> done = new CompletableFuture<>();
    Channel channel = leg.channel();
    if (channel == null) {
      done.complete(null);
      return done;
    }
    channel
        .eventLoop()
        .execute(
            () -> {
              try {
                leg.close();
              } finally {
                done.complete(null);
              }
            });
    return done;
  }

  /** A free port of the range, now marked used, or -1 when every one is. */
  private synchronized int take(int span) {
    int first = config.listen().port();
    int draw = 0;
    for (int i = 0; i < RANDOM_DRAWS; i++) {
      draw = random.nextInt(span);
      if (!used.get(first + draw)) {
        used.set(first + draw);
        return first + draw;
      }
    }
    int free = used.nextClearBit(first + draw);
    if (free > config.listen().lastPort()) {
      free = used.nextClearBit(first);
    }
    if (free > config.listen().lastPort()) {
      return -1;
    }
    used.set(free);
    return free;
  }

  private synchronized void release(int port) {
    used.clear(port);
  }

  /** Hands each datagram to its leg; gives the port back when the socket closes. */
  private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
    private final LegCapture leg;
    private final CaptureEndpoint endpoint;
    private final int port;

    Receiver(LegCapture leg, CaptureEndpoint endpoint, int port) {
      this.leg = leg;
      this.endpoint = endpoint;
      this.port = port;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      leg.receive(packet);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      endpoint.release(port);
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.debugf("RTP port %d: %s", port, cause.toString());
    }
  }
}
