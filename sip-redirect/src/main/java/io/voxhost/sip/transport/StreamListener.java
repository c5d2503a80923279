package io.voxhost.sip.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.voxhost.platform.concurrent.RoleEventLoops;
import io.voxhost.sip.SipConfig;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * SIP over TCP and TLS on Netty's event loops: each connection is admitted ({@link
 * ConnectionAdmission}), decrypted when it is TLS, framed ({@link StreamFraming}) and read by a
 * {@link SipConnection}. An idle connection holds no buffer of its own, only its socket, its
 * handlers and, for TLS, its engine.
 */
final class StreamListener {

  /** Bytes an unread peer may have waiting before its connection stops being read. */
  private static final WriteBufferWaterMark WRITE_MARK = new WriteBufferWaterMark(32_768, 65_536);

  private final RoleEventLoops loops;
  private final SipConfig.Connections settings;
  private final int maxMessageSize;
  private final int threads;
  private final SipMetrics metrics;
  private final Supplier<MessageReception> receptions;
  private final Map<EventLoop, MessageReception> receptionOfLoop = new ConcurrentHashMap<>();
  private final Map<String, Channel> listeners = new LinkedHashMap<>();
  private ConnectionAdmission admission;
  private EventLoopGroup group;
  private volatile SslContext tls;

  StreamListener(
      RoleEventLoops loops,
      SipConfig.Connections settings,
      int maxMessageSize,
      int threads,
      SipMetrics metrics,
      Supplier<MessageReception> receptions) {
    this.loops = loops;
    this.settings = settings;
    this.maxMessageSize = maxMessageSize;
    this.threads = threads;
    this.metrics = metrics;
    this.receptions = receptions;
  }

  /** Listens for TCP on {@code address}. */
  synchronized void listenTcp(InetSocketAddress address) throws InterruptedException {
    listen(address, "TCP");
  }

  /** Listens for TLS on {@code address}, presenting the certificate of {@code context}. */
  synchronized void listenTls(InetSocketAddress address, SSLContext context)
      throws InterruptedException {
    useCertificate(context);
    listen(address, "TLS");
  }

  /** Connections from now on present the certificate of {@code context}; open ones keep theirs. */
  void useCertificate(SSLContext context) {
    tls =
        new JdkSslContext(
            context,
            false,
            null,
            IdentityCipherSuiteFilter.INSTANCE,
            null,
            ClientAuth.NONE,
            null,
            false);
  }

  /** Connections open now, TCP and TLS. */
  synchronized int open() {
    return admission == null ? 0 : admission.open();
  }

  /** The port a transport listens on (the one chosen, when the setting says 0); -1 if none. */
  synchronized int port(String transport) {
    Channel listener = listeners.get(transport);
    return listener == null ? -1 : ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** Closes the listeners and every connection. */
  synchronized void stop() {
    for (Channel listener : listeners.values()) {
      listener.close().syncUninterruptibly();
    }
    listeners.clear();
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
    admission = null;
  }

  private void listen(InetSocketAddress address, String transport) throws InterruptedException {
    if (group == null) {
      group = loops.group("sip", threads);
      admission = new ConnectionAdmission(settings.max(), settings.perSource(), metrics);
    }
    ConnectionAdmission admitted = admission;
    Channel listener =
        loops
            .tcp(group)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WRITE_MARK)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(admitted);
                    if (transport.equals("TLS")) {
                      SslHandler handler = tls.newHandler(ch.alloc());
                      handler.setHandshakeTimeoutMillis(settings.handshakeTimeout().toMillis());
                      ch.pipeline().addLast(handler);
                    }
                    ch.pipeline()
                        .addLast(
                            new IdleStateHandler(
                                0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .addLast(
                            new StreamFraming(maxMessageSize, settings.messageTimeout(), metrics))
                        .addLast(new SipConnection(reception(ch.eventLoop()), transport));
                  }
                })
            .bind(address)
            .sync()
            .channel();
    listeners.put(transport, listener);
  }

  /** The reception of a loop: a parser serves one thread at a time. */
  private MessageReception reception(EventLoop loop) {
    return receptionOfLoop.computeIfAbsent(loop, l -> receptions.get());
  }
}
