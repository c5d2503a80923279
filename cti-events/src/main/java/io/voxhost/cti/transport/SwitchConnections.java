package io.voxhost.cti.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.voxhost.cti.CtiConfig;
import io.voxhost.cti.service.EventStreams;
import io.voxhost.cti.service.SwitchLink;
import io.voxhost.cti.service.SwitchLinks;
import io.voxhost.platform.concurrent.RoleEventLoops;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The connections this node opens to its PBXs ({@code voxhost.cti.switches}), each held open and
 * opened again after it drops: after a second, doubling up to the link's {@code max-backoff}, and
 * straight to the longest wait when the PBX refused the user or the secret. Each holds one of its
 * tenant's TCP streams while it lasts, like a stream the switch opened itself.
 */
@ApplicationScoped
public class SwitchConnections {

  private static final long FIRST_WAIT_MILLIS = 1000;

  private final SwitchLinks links;
  private final EventStreams streams;
  private final RoleEventLoops loops;
  private final int batch;
  private final Set<Channel> open = ConcurrentHashMap.newKeySet();
  private EventLoopGroup group;
  private volatile boolean running;

  SwitchConnections(
      SwitchLinks links, EventStreams streams, RoleEventLoops loops, CtiConfig config) {
    this.links = links;
    this.streams = streams;
    this.loops = loops;
    this.batch =
        Math.min(EventStreamSession.BATCH, Math.min(config.maxBatch(), config.tenantQueue()));
  }

  /** Connects to every PBX, on {@code group}'s loops (the stream listener's). */
  public synchronized void start(EventLoopGroup group) {
    if (running) {
      return;
    }
    this.group = group;
    running = true;
    for (SwitchLink link : links.links()) {
      connect(link, 0);
    }
  }

  /** Closes every connection; none is opened again. */
  public synchronized void stop() {
    running = false;
    for (Channel c : open) {
      c.close().syncUninterruptibly();
    }
    open.clear();
  }

  private void connect(SwitchLink link, int failures) {
    if (!running) {
      return;
    }
    EventStreams.Place place;
    try {
      place = streams.open(link.tenant());
    } catch (EventStreams.Busy e) {
      links.state(link, SwitchLinks.State.BUSY, Optional.of(e.getMessage()));
      later(link, failures + 1, wait(link, failures));
      return;
    }
    links.state(link, SwitchLinks.State.CONNECTING, Optional.empty());
    SwitchSession session =
        link.kind() == SwitchLink.Kind.AMI
            ? new AmiSession(link, links, streams, batch, Clock.systemUTC())
            : new EslSession(link, links, streams, batch);
    ChannelFuture connecting =
        loops
            .tcpClient(group)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) link.connectTimeout().toMillis())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new IdleStateHandler(
                                link.keepAlive().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
                    if (link.kind() == SwitchLink.Kind.AMI) {
                      ch.pipeline()
                          .addLast(
                              new LineBasedFrameDecoder(EventStreamServer.MAX_LINE, true, true))
                          .addLast(new StringDecoder(StandardCharsets.UTF_8));
                    } else {
                      ch.pipeline().addLast(new EslFrameDecoder());
                    }
                    ch.pipeline()
                        .addLast(new StringEncoder(StandardCharsets.UTF_8))
                        .addLast(session);
                  }
                })
            .connect(link.host(), link.port());
    Channel channel = connecting.channel();
    open.add(channel);
    connecting.addListener(
        f -> {
          if (!f.isSuccess()) {
            links.state(
                link,
                SwitchLinks.State.DOWN,
                Optional.of("cannot connect: " + f.cause().getMessage()));
          }
        });
    channel
        .closeFuture()
        .addListener(
            f -> {
              place.close();
              open.remove(channel);
              if (session.refused()) {
                later(link, failures + 1, link.maxBackoff().toMillis());
              } else if (session.isSignedIn()) {
                later(link, 0, FIRST_WAIT_MILLIS);
              } else {
                later(link, failures + 1, wait(link, failures));
              }
            });
  }

  private void later(SwitchLink link, int failures, long millis) {
    if (running && !group.isShuttingDown()) {
      group.schedule(() -> connect(link, failures), millis, TimeUnit.MILLISECONDS);
    }
  }

  /** A second, doubling with each failure up to the link's longest, give or take a fifth. */
  private static long wait(SwitchLink link, int failures) {
    long base = FIRST_WAIT_MILLIS << Math.min(failures, 20);
    long capped = Math.min(base, link.maxBackoff().toMillis());
    return capped * (80 + ThreadLocalRandom.current().nextInt(41)) / 100;
  }
}
