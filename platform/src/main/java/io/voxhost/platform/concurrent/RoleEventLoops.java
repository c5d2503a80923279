package io.voxhost.platform.concurrent;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import io.voxhost.platform.metrics.Meters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Netty event loops for the roles that run their own sockets (TFTP, RTP): epoll on Linux, NIO
 * elsewhere, chosen here once; threads named {@code voxhost-<role>-loop-n}; the tasks waiting on
 * the loops shown as {@code voxhost_<role>_event_loop_queued_tasks}; each loop watched by {@link
 * Liveness} until its group shuts down.
 */
@ApplicationScoped
public class RoleEventLoops {

  private final Meters meters;
  private final Liveness liveness;
  private final boolean epoll = Epoll.isAvailable();

  @Inject
  public RoleEventLoops(Meters meters, Liveness liveness) {
    this.meters = meters;
    this.liveness = liveness;
  }

  /** Loops whose liveness nobody checks (tests of a role's parts). */
  public RoleEventLoops(Meters meters) {
    this(meters, new Liveness());
  }

  /** A group of {@code threads} loops; 0 means one per core. The caller shuts it down. */
  public EventLoopGroup group(String role, int threads) {
    int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    DefaultThreadFactory names =
        new DefaultThreadFactory(RoleThreads.threadName(role, "loop"), true);
    EventLoopGroup group =
        epoll ? new EpollEventLoopGroup(loops, names) : new NioEventLoopGroup(loops, names);
    meters.gauge(
        RoleThreads.queueName(role, "event-loop"),
        "Tasks waiting on the event loops of the " + role + " role",
        () -> pending(group));
    int n = 0;
    for (EventExecutor loop : group) {
      liveness.register(
          RoleThreads.threadName(role, "loop") + "-" + ++n, loop, group::isShuttingDown);
    }
    return group;
  }

  /** A bootstrap for UDP sockets on {@code group}, with the channel type that matches it. */
  public Bootstrap udp(EventLoopGroup group) {
    return new Bootstrap().group(group).channel(datagramChannel());
  }

  /** A bootstrap for TCP listeners on {@code group}, with the channel type that matches it. */
  public ServerBootstrap tcp(EventLoopGroup group) {
    return new ServerBootstrap()
        .group(group)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class);
  }

  /** A bootstrap for TCP connections this node opens, on {@code group}. */
  public Bootstrap tcpClient(EventLoopGroup group) {
    return new Bootstrap()
        .group(group)
        .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
  }

  /** Whether the loops are epoll's, for the options only epoll has. */
  public boolean epoll() {
    return epoll;
  }

  private Class<? extends DatagramChannel> datagramChannel() {
    return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
  }

  private static double pending(EventLoopGroup group) {
    if (group.isShutdown()) {
      return 0;
    }
    long pending = 0;
    for (EventExecutor loop : group) {
      if (loop instanceof SingleThreadEventExecutor single) {
        pending += single.pendingTasks();
      }
    }
    return pending;
  }
}
