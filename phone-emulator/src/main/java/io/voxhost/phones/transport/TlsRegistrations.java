package io.voxhost.phones.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.voxhost.phones.codec.DigestAnswer;
import io.voxhost.phones.codec.DigestChallenge;
import io.voxhost.phones.codec.Register;
import io.voxhost.phones.codec.SipAnswer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;

/**
 * Phones that each keep one TLS connection to a registrar, as phones on the public internet do:
 * they connect and register with digest (401, then the answer), stay connected, and refresh their
 * registration over the same connection, reusing the nonce with the next nonce-count as phones do
 * (a fresh 401 is answered again). Two event loops carry every connection.
 */
public final class TlsRegistrations implements AutoCloseable {

  /** Settings of a run. */
  public record Settings(
      InetSocketAddress server,
      List<InetAddress> sources,
      String domain,
      IntFunction<String> user,
      IntFunction<String> password,
      int expires,
      SSLContext trust) {}

  /** What a phase measured: answers, failures, and latency quantiles in microseconds. */
  public record Outcome(
      long sent, long ok, long challenged, long failed, double seconds, long[] latencyMicros) {

    public double rate() {
      return ok / seconds;
    }

    public long quantile(double q) {
      if (latencyMicros.length == 0) {
        return 0;
      }
      return latencyMicros[Math.min(latencyMicros.length - 1, (int) (q * latencyMicros.length))];
    }
  }

  private final Settings settings;
  private final EventLoopGroup loops = new NioEventLoopGroup(2);
  private final SslContext tls;
  private final List<PhoneLine> lines = new ArrayList<>();

  public TlsRegistrations(Settings settings) {
    this.settings = settings;
    this.tls =
        new JdkSslContext(
            settings.trust(),
            true,
            null,
            IdentityCipherSuiteFilter.INSTANCE,
            null,
            ClientAuth.NONE,
            null,
            false);
  }

  /**
   * Connects and registers phones {@code 0..count-1}, at most {@code perSecond} new ones a second
   * and {@code window} at once; each phone's latency is from its connect to its 200.
   */
  public Outcome register(int count, int perSecond, int window) throws InterruptedException {
    Recorder recorder = new Recorder(count);
    AtomicInteger inFlight = new AtomicInteger();
    long start = System.nanoTime();
    long gap = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond);
    for (int i = 0; i < count; i++) {
      while (inFlight.get() >= window) {
        Thread.sleep(1);
      }
      pace(start + i * gap);
      PhoneLine line = new PhoneLine(i);
      lines.add(line);
      inFlight.incrementAndGet();
      recorder.sent.incrementAndGet();
      long began = System.nanoTime();
      line.connect()
          .thenCompose(ok -> line.registerOnce())
          .whenComplete(
              (status, failure) -> {
                inFlight.decrementAndGet();
                recorder.done(began, failure == null && status == 200);
              });
    }
    recorder.await(TimeUnit.SECONDS.toNanos(60));
    return recorder.outcome(start);
  }

  /**
   * Refreshes registrations at {@code perSecond} for {@code seconds}, round robin over the
   * registered phones; a phone still waiting for its last answer is skipped (counted as failed).
   */
  public Outcome refresh(int perSecond, double seconds) throws InterruptedException {
    List<PhoneLine> registered = lines.stream().filter(PhoneLine::registered).toList();
    long total = (long) (perSecond * seconds);
    Recorder recorder = new Recorder((int) Math.min(total, 10_000_000));
    if (registered.isEmpty()) {
      return recorder.outcome(System.nanoTime());
    }
    long start = System.nanoTime();
    long gap = TimeUnit.SECONDS.toNanos(1) / Math.max(1, perSecond);
    for (long i = 0; i < total; i++) {
      pace(start + i * gap);
      PhoneLine line = registered.get((int) (i % registered.size()));
      recorder.sent.incrementAndGet();
      long began = System.nanoTime();
      if (!line.idle()) {
        recorder.done(began, false);
        continue;
      }
      line.refresh(recorder)
          .whenComplete((status, failure) -> recorder.done(began, status != null && status == 200));
    }
    recorder.await(TimeUnit.SECONDS.toNanos(10));
    return recorder.outcome(start);
  }

  /** Phones whose connection is open. */
  public int connected() {
    int n = 0;
    for (PhoneLine line : lines) {
      n += line.open() ? 1 : 0;
    }
    return n;
  }

  @Override
  public void close() {
    for (PhoneLine line : lines) {
      line.close();
    }
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static void pace(long at) {
    long wait = at - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }

  /** Counts answers of a phase and keeps their latencies. */
  private static final class Recorder {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong answered = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong challenged = new AtomicLong();

    /** The latencies of the first answers, as many as fit. */
    private final long[] latencies;

    private final AtomicInteger kept = new AtomicInteger();

    Recorder(int keep) {
      this.latencies = new long[keep];
    }

    void done(long began, boolean success) {
      if (success) {
        ok.incrementAndGet();
        int slot = kept.getAndIncrement();
        if (slot < latencies.length) {
          latencies[slot] = (System.nanoTime() - began) / 1000;
        }
      }
      answered.incrementAndGet();
    }

    void await(long nanos) throws InterruptedException {
      long deadline = System.nanoTime() + nanos;
      while (answered.get() < sent.get() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    Outcome outcome(long start) {
      double seconds = (System.nanoTime() - start) / 1e9;
      long[] sorted = Arrays.copyOf(latencies, Math.min(kept.get(), latencies.length));
      Arrays.sort(sorted);
      return new Outcome(
          sent.get(), ok.get(), challenged.get(), sent.get() - ok.get(), seconds, sorted);
    }
  }

  /** One phone: its connection, its registration's Call-ID and CSeq, the nonce it reuses. */
  private final class PhoneLine {
    private final int index;
    private final String user;
    private final String callId;
    private final String fromTag;
    private Channel channel;
    private volatile CompletableFuture<SipAnswer> waiting;
    private volatile boolean registered;
    private long cseq;
    private DigestChallenge challenge;
    private int nonceCount;

    PhoneLine(int index) {
      this.index = index;
      this.user = settings.user().apply(index);
      this.callId = "tls-" + index + "-" + Long.toHexString(System.nanoTime());
      this.fromTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    CompletableFuture<Void> connect() {
      CompletableFuture<Void> connected = new CompletableFuture<>();
      InetAddress source = settings.sources().get(index % settings.sources().size());
      new Bootstrap()
          .group(loops)
          .channel(NioSocketChannel.class)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
          .option(ChannelOption.TCP_NODELAY, true)
          .handler(
              new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                  ch.pipeline()
                      .addLast(
                          tls.newHandler(
                              ch.alloc(),
                              settings.server().getHostString(),
                              settings.server().getPort()))
                      .addLast(new ResponseFraming())
                      .addLast(
                          new SimpleChannelInboundHandler<byte[]>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, byte[] msg) {
                              answered(msg);
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                              fail(new IllegalStateException("connection closed"));
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
                              fail(e);
                              ctx.close();
                            }
                          });
                }
              })
          .connect(settings.server(), new InetSocketAddress(source, 0))
          .addListener(
              f -> {
                if (f.isSuccess()) {
                  channel = ((io.netty.channel.ChannelFuture) f).channel();
                  connected.complete(null);
                } else {
                  connected.completeExceptionally(f.cause());
                }
              });
      return connected;
    }

    /** REGISTER, 401, REGISTER with credentials: the status of the last answer. */
    CompletableFuture<Integer> registerOnce() {
      return send(Optional.empty())
          .thenCompose(
              first -> {
                if (first.status() != 401) {
                  return CompletableFuture.completedFuture(first.status());
                }
                challenge = md5(first);
                nonceCount = 0;
                return send(Optional.of(authorization())).thenApply(SipAnswer::status);
              })
          .thenApply(
              status -> {
                registered = status == 200;
                return status;
              });
    }

    /** A refresh with the nonce of the last challenge; a fresh 401 is answered once more. */
    CompletableFuture<Integer> refresh(Recorder recorder) {
      return send(Optional.of(authorization()))
          .thenCompose(
              answer -> {
                if (answer.status() != 401) {
                  return CompletableFuture.completedFuture(answer.status());
                }
                recorder.challenged.incrementAndGet();
                challenge = md5(answer);
                nonceCount = 0;
                return send(Optional.of(authorization())).thenApply(SipAnswer::status);
              });
    }

    boolean registered() {
      return registered && open();
    }

    boolean idle() {
      return waiting == null;
    }

    boolean open() {
      return channel != null && channel.isActive();
    }

    void close() {
      if (channel != null) {
        channel.close();
      }
    }

    private String authorization() {
      nonceCount++;
      return DigestAnswer.authorization(
          challenge,
          user,
          settings.password().apply(index),
          "REGISTER",
          "sip:" + settings.domain(),
          Long.toHexString(ThreadLocalRandom.current().nextLong()),
          nonceCount);
    }

    private DigestChallenge md5(SipAnswer answer) {
      for (String offer : answer.challenges()) {
        Optional<DigestChallenge> c = DigestChallenge.parse(offer);
        if (c.isPresent() && c.get().algorithm().equals("MD5")) {
          return c.get();
        }
      }
      throw new IllegalStateException("no MD5 challenge");
    }

    private CompletableFuture<SipAnswer> send(Optional<String> authorization) {
      CompletableFuture<SipAnswer> answer = new CompletableFuture<>();
      waiting = answer;
      InetSocketAddress local = (InetSocketAddress) channel.localAddress();
      Register register =
          new Register(
              user,
              settings.domain(),
              user,
              local.getAddress().getHostAddress(),
              local.getPort(),
              callId,
              fromTag,
              ++cseq,
              "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong()),
              settings.expires(),
              "voxhost-phones tls",
              authorization);
      channel.writeAndFlush(
          Unpooled.wrappedBuffer(register.text("TLS").getBytes(StandardCharsets.UTF_8)));
      return answer.orTimeout(10, TimeUnit.SECONDS).whenComplete((a, e) -> waiting = null);
    }

    private void answered(byte[] message) {
      CompletableFuture<SipAnswer> w = waiting;
      Optional<SipAnswer> answer = SipAnswers.parse(message);
      if (w != null && answer.isPresent() && answer.get().status() >= 200) {
        w.complete(answer.get());
      }
    }

    private void fail(Throwable e) {
      registered = false;
      CompletableFuture<SipAnswer> w = waiting;
      if (w != null) {
        w.completeExceptionally(e);
      }
    }
  }

  /** Cuts responses out of the stream by their Content-Length; skips keep-alive CRLFs. */
  private static final class ResponseFraming extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      while (in.isReadable()) {
        while (in.isReadable()
            && (in.getByte(in.readerIndex()) == '\r' || in.getByte(in.readerIndex()) == '\n')) {
          in.skipBytes(1);
        }
        int start = in.readerIndex();
        int end = -1;
        for (int i = start; i + 3 < in.writerIndex(); i++) {
          if (in.getByte(i) == '\r'
              && in.getByte(i + 1) == '\n'
              && in.getByte(i + 2) == '\r'
              && in.getByte(i + 3) == '\n') {
            end = i + 4;
            break;
          }
        }
        if (end < 0) {
          return;
        }
        String head = in.toString(start, end - start, StandardCharsets.ISO_8859_1);
        int body = 0;
        for (String line : head.split("\r\n")) {
          int colon = line.indexOf(':');
          if (colon > 0) {
            String name = line.substring(0, colon).strip();
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
              body = Integer.parseInt(line.substring(colon + 1).strip());
            }
          }
        }
        if (in.readableBytes() < end - start + body) {
          return;
        }
        byte[] message = new byte[end - start + body];
        in.readBytes(message);
        out.add(message);
      }
    }
  }
}
