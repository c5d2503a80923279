package io.voxhost.platform.testing;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for systemd's notification socket: a Unix datagram socket bound at a path or an
 * abstract name, keeping every datagram it receives, in order, with the time it arrived.
 */
public final class NotifyReceiver implements AutoCloseable {

  /** One datagram and when it arrived ({@link System#nanoTime()}). */
  public record Notification(String text, long nanoTime) {

    /** Whether one of its lines is exactly {@code assignment}, such as {@code READY=1}. */
    public boolean has(String assignment) {
      return text.lines().anyMatch(assignment::equals);
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
      return text.lines()
          .filter(l -> l.startsWith(key + "="))
          .map(l -> l.substring(key.length() + 1))
          .findFirst()
          .orElse(null);
    }
  }

  private final EventLoopGroup loop;
  private final Channel channel;
  private final String notifySocket;
  private final List<Notification> received;

  private NotifyReceiver(
      EventLoopGroup loop, Channel channel, String notifySocket, List<Notification> received) {
    this.loop = loop;
    this.channel = channel;
    this.notifySocket = notifySocket;
    this.received = received;
  }

  /** Bound at {@code path} in the file system. */
  public static NotifyReceiver atPath(Path path) throws InterruptedException {
    return bind(path.toString(), path.toString());
  }

  /** Bound at a fresh abstract name, {@code @voxhost-test-<random>} as NOTIFY_SOCKET writes it. */
  public static NotifyReceiver abstractName() throws InterruptedException {
    String name = "voxhost-test-" + UUID.randomUUID();
    return bind("\0" + name, "@" + name);
  }

  private static NotifyReceiver bind(String address, String notifySocket)
      throws InterruptedException {
    List<Notification> received = new ArrayList<>();
    EventLoopGroup loop = new EpollEventLoopGroup(1);
    Channel channel =
        new Bootstrap()
            .group(loop)
            .channel(EpollDomainDatagramChannel.class)
            .handler(
                new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                  @Override
                  protected void channelRead0(
                      ChannelHandlerContext ctx, DomainDatagramPacket packet) {
                    String text = packet.content().toString(StandardCharsets.UTF_8);
                    synchronized (received) {
                      received.add(new Notification(text, System.nanoTime()));
                    }
                  }
                })
            .bind(new DomainSocketAddress(address))
            .sync()
            .channel();
    return new NotifyReceiver(loop, channel, notifySocket, received);
  }

  /** What {@code $NOTIFY_SOCKET} holds to reach this socket. */
  public String notifySocket() {
    return notifySocket;
  }

  /** Everything received so far, in order. */
  public List<Notification> notifications() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** The first notification with the line {@code assignment}, or null. */
  public Notification first(String assignment) {
    return notifications().stream().filter(n -> n.has(assignment)).findFirst().orElse(null);
  }

  /** How many notifications carried the line {@code assignment}. */
  public long count(String assignment) {
    return notifications().stream().filter(n -> n.has(assignment)).count();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
