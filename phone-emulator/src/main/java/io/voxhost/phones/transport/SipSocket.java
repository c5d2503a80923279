package io.voxhost.phones.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.voxhost.phones.codec.SipAnswer;
import io.voxhost.phones.codec.SipIncoming;
import io.voxhost.phones.service.SipRequests;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The UDP socket a fleet's phones share, as phones behind one address do. Each request is a client
 * transaction (RFC 3261 section 17.1), sent again after T1 (500 ms), doubling to T2 (4 s), until
 * its final response or 64 T1 (32 s, Timers B and F); an INVITE is not sent again once a
 * provisional response came. Responses find their transaction by the Via branch; requests find
 * their phone by the Request-URI's user (a contact it registered), else get 404.
 */
public final class SipSocket implements SipRequests, AutoCloseable {

  static final long T1_MILLIS = 500;
  static final long T2_MILLIS = 4000;
  static final long TIMER_F_MILLIS = 64 * T1_MILLIS;

  /** Transactions in flight at most: past it a request fails at once. */
  private final int maxPending;

  private final EventLoopGroup group;
  private final Channel channel;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Consumer<SipIncoming>> listeners = new ConcurrentHashMap<>();

  private final class Pending {
    final CompletableFuture<SipAnswer> reply = new CompletableFuture<>();
    final byte[] bytes;
    final InetSocketAddress to;
    final long started = System.nanoTime();
    volatile ScheduledFuture<?> timer;
    volatile boolean provisional;

    Pending(byte[] bytes, InetSocketAddress to) {
      this.bytes = bytes;
      this.to = to;
    }
  }

  private SipSocket(EventLoopGroup group, Channel channel, int maxPending) {
    this.group = group;
    this.channel = channel;
    this.maxPending = maxPending;
  }

  /** Loops for a fleet's sockets: one a core; the caller shuts them down. */
  public static EventLoopGroup loops() {
    return new NioEventLoopGroup(0, new DefaultThreadFactory("phones-sip", true));
  }

  /** A socket bound to {@code host:port} (0: any free port), read on {@code group}. */
  public static SipSocket open(EventLoopGroup group, String host, int port, int maxPending)
      throws InterruptedException {
    SipSocket[] self = new SipSocket[1];
    Channel ch =
        new Bootstrap()
            .group(group)
            .channel(NioDatagramChannel.class)
            .option(ChannelOption.SO_RCVBUF, 1024 * 1024)
            .option(ChannelOption.SO_SNDBUF, 1024 * 1024)
            .handler(
                new SimpleChannelInboundHandler<DatagramPacket>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                    self[0].received(ByteBufUtil.getBytes(p.content()), p.sender());
                  }
                })
            .bind(host, port)
            .sync()
            .channel();
    self[0] = new SipSocket(group, ch, maxPending);
    return self[0];
  }

  @Override
  public String host() {
    return ((InetSocketAddress) channel.localAddress()).getAddress().getHostAddress();
  }

  @Override
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Transactions waiting for their final response. */
  public int inFlight() {
    return pending.size();
  }

  /**
   * Sends a non-INVITE request whose top Via has {@code branch}; completes with its final response,
   * or with a {@link TimeoutException} after Timer F.
   */
  @Override
  public CompletableFuture<SipAnswer> request(String text, String branch, InetSocketAddress to) {
    if (pending.size() >= maxPending) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("more than " + maxPending + " transactions in flight"));
    }
    Pending p = new Pending(text.getBytes(StandardCharsets.UTF_8), to);
    if (pending.putIfAbsent(branch, p) != null) {
      return CompletableFuture.failedFuture(new IllegalStateException("branch in use: " + branch));
    }
    send(p);
    retransmit(branch, p, T1_MILLIS);
    return p.reply;
  }

  private void retransmit(String branch, Pending p, long after) {
    p.timer =
        group.schedule(
            () -> {
              if (p.reply.isDone()) {
                return;
              }
              long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - p.started);
              if (waited >= TIMER_F_MILLIS) {
                pending.remove(branch, p);
                p.reply.completeExceptionally(
                    new TimeoutException("no final response within " + TIMER_F_MILLIS + " ms"));
                return;
              }
              if (!p.provisional) {
                send(p);
              }
              retransmit(branch, p, Math.min(after * 2, T2_MILLIS));
            },
            after,
            TimeUnit.MILLISECONDS);
  }

  private void send(Pending p) {
    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(p.bytes), p.to));
  }

  private void received(byte[] datagram, InetSocketAddress from) {
    SIPMessage m = SipAnswers.read(datagram);
    if (m instanceof SIPResponse response) {
      SipAnswers.answer(response).ifPresent(this::answered);
    } else if (m instanceof SIPRequest request) {
      SipAnswers.incoming(request, from)
          .ifPresent(
              in -> {
                Consumer<SipIncoming> phone =
                    in.requestUser() == null ? null : listeners.get(in.requestUser());
                if (phone != null) {
                  phone.accept(in);
                } else if (!in.method().equals("ACK")) {
                  send(in.response(404, "Not Found", "nobody", null, null), from);
                }
              });
    }
  }

  private void answered(SipAnswer r) {
    Pending p = pending.get(r.branch());
    if (p == null) {
      return; // a retransmitted final response, or none of ours
    }
    if (r.status() < 200) {
      // Provisional: an INVITE is not sent again (Timer A stops); Timer B still runs.
      p.provisional = true;
      return;
    }
    if (pending.remove(r.branch(), p)) {
      ScheduledFuture<?> t = p.timer;
      if (t != null) {
        t.cancel(false);
      }
      p.reply.complete(r);
    }
  }

  @Override
  public void listen(String user, Consumer<SipIncoming> phone) {
    listeners.put(user, phone);
  }

  @Override
  public void send(String text, InetSocketAddress to) {
    channel.writeAndFlush(
        new DatagramPacket(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)), to));
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    pending
        .values()
        .forEach(p -> p.reply.completeExceptionally(new IllegalStateException("closed")));
  }
}
