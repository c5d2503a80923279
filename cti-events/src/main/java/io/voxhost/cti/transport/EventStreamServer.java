package io.voxhost.cti.transport;

import io.netty.channel.Channel;
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
import io.voxhost.platform.concurrent.RoleEventLoops;
import io.voxhost.platform.net.ListenAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The TCP listener switches stream their events to ({@code voxhost.cti.stream-listen}), one {@link
 * EventStreamSession} a connection, and the connections this node opens to PBXs ({@link
 * SwitchConnections}), on the same loop. A line is at most {@link #MAX_LINE} bytes; a connection
 * silent for {@code voxhost.cti.stream-idle} is closed, one not signed in within a tenth of it too.
 */
@ApplicationScoped
public class EventStreamServer {

  /** Bytes one line may have, its line end not counted. */
  static final int MAX_LINE = 65_536;

  private final EventStreams streams;
  private final SwitchConnections switches;
  private final RoleEventLoops loops;
  private final ListenAddress listen;
  private final long idleMillis;
  private final int batch;
  private EventLoopGroup group;
  private Channel channel;

  EventStreamServer(
      EventStreams streams, SwitchConnections switches, RoleEventLoops loops, CtiConfig config) {
    this.streams = streams;
    this.switches = switches;
    this.loops = loops;
    this.listen = config.streamListen().single("voxhost.cti.stream-listen");
    this.idleMillis = config.streamIdle().toMillis();
    // A batch larger than the tenant's share of the queue would never be taken.
    this.batch =
        Math.min(EventStreamSession.BATCH, Math.min(config.maxBatch(), config.tenantQueue()));
  }

  public synchronized void start() throws InterruptedException {
    if (channel != null) {
      return;
    }
    group = loops.group("cti", 1);
    channel =
        loops
            .tcp(group)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    EventStreamSession session =
                        new EventStreamSession(streams, idleMillis / 10, batch);
                    ch.pipeline()
                        .addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                        .addLast(new LineBasedFrameDecoder(MAX_LINE, true, true))
                        .addLast(new StringDecoder(StandardCharsets.UTF_8))
                        .addLast(new StringEncoder(StandardCharsets.UTF_8))
                        .addLast(session);
                  }
                })
            .bind(new InetSocketAddress(listen.host(), listen.port()))
            .sync()
            .channel();
    // The PBXs this node signs in to are read on the same loop as the streams sent to it.
    switches.start(group);
  }

  /** The port listened on (the one chosen, when the setting says 0). */
  public int port() {
    Channel c = channel;
    return c == null ? -1 : ((InetSocketAddress) c.localAddress()).getPort();
  }

  /** Stops listening and closes every stream (their unacknowledged lines are sent again). */
  public synchronized void stop() {
    if (channel != null) {
      switches.stop();
      channel.close().syncUninterruptibly();
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      channel = null;
      group = null;
    }
  }
}
