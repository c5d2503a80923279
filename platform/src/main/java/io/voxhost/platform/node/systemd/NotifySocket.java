package io.voxhost.platform.node.systemd;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The datagram socket systemd listens on for a {@code Type=notify} service ({@code
 * $NOTIFY_SOCKET}): a file-system path, or an abstract name written with a leading {@code @} that
 * stands for a NUL byte. Netty's epoll domain datagram channel sends to either with the exact
 * address length (the bytes of the path, no trailing NUL), which abstract names need; see
 * decisions.md for why Netty and not JNI of our own.
 */
public final class NotifySocket implements AutoCloseable {

  /** Sending on a Unix socket is a local copy; waiting longer means something is wrong. */
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);

  /** sun_path holds 108 bytes on Linux. */
  private static final int MAX_ADDRESS_BYTES = 108;

  private final EventLoopGroup loop;
  private final Channel channel;
  private final DomainSocketAddress target;
  private final String described;

  private NotifySocket(
      EventLoopGroup loop, Channel channel, DomainSocketAddress target, String described) {
    this.loop = loop;
    this.channel = channel;
    this.target = target;
    this.described = described;
  }

  /**
   * The socket {@code notifySocket} (the value of {@code $NOTIFY_SOCKET}) names, ready to send to.
   *
   * @throws IOException if the name is not a Unix socket address or no socket can be opened
   */
  public static NotifySocket open(String notifySocket) throws IOException {
    DomainSocketAddress target = address(notifySocket);
    if (!Epoll.isAvailable()) {
      throw new IOException(
          "NOTIFY_SOCKET is set but Netty's epoll transport is not available: "
              + Epoll.unavailabilityCause());
    }
    // One small loop of its own: this socket exists before the application and the roles'
    // loops, and must outlive them to say STOPPING and the last STATUS.
    EventLoopGroup loop =
        new EpollEventLoopGroup(1, new DefaultThreadFactory("voxhost-node-notify", true));
    try {
      ChannelFuture registered =
          new Bootstrap()
              .group(loop)
              .channel(EpollDomainDatagramChannel.class)
              // Unbound and unconnected, it sends to the address each packet names.
              .option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
              .handler(new ChannelInboundHandlerAdapter())
              .register();
      if (!registered.awaitUninterruptibly(SEND_TIMEOUT.toMillis()) || !registered.isSuccess()) {
        throw new IOException("cannot open a Unix datagram socket", registered.cause());
      }
      return new NotifySocket(loop, registered.channel(), target, notifySocket);
    } catch (IOException | RuntimeException e) {
      loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
      throw e;
    }
  }

  /**
   * The address {@code $NOTIFY_SOCKET} names: {@code /run/systemd/notify} as it is, {@code @name}
   * as NUL followed by {@code name}.
   */
  static DomainSocketAddress address(String notifySocket) throws IOException {
    if (notifySocket == null || notifySocket.isEmpty()) {
      throw new IOException("NOTIFY_SOCKET is empty");
    }
    String path;
    if (notifySocket.charAt(0) == '@') {
      path = '\0' + notifySocket.substring(1);
    } else if (notifySocket.charAt(0) == '/') {
      path = notifySocket;
    } else {
      throw new IOException(
          "NOTIFY_SOCKET '" + notifySocket + "' is neither a path nor an abstract name (@...)");
    }
    if (path.length() < 2 || path.getBytes(StandardCharsets.UTF_8).length > MAX_ADDRESS_BYTES) {
      throw new IOException(
          "NOTIFY_SOCKET '" + notifySocket + "' is not a valid Unix socket address");
    }
    return new DomainSocketAddress(path);
  }

  /** Sends one datagram of {@code KEY=value} lines; waits until the kernel took it. */
  public void send(String message) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    // One direct buffer: Netty sends a single buffer with sendto() and the exact address length;
    // its path for composite buffers passes the whole sockaddr_un, which abstract names cannot use.
    ByteBuf buffer = channel.alloc().directBuffer(bytes.length).writeBytes(bytes);
    ChannelFuture sent = channel.writeAndFlush(new DomainDatagramPacket(buffer, target));
    if (!sent.awaitUninterruptibly(SEND_TIMEOUT.toMillis())) {
      throw new IOException(
          "the service manager did not take a notification within " + SEND_TIMEOUT);
    }
    if (!sent.isSuccess()) {
      throw new IOException(
          "cannot notify the service manager at " + described + ": " + sent.cause(), sent.cause());
    }
  }

  @Override
  public String toString() {
    return described;
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly(SEND_TIMEOUT.toMillis());
    loop.shutdownGracefully(0, SEND_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
