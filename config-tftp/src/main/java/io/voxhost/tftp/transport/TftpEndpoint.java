package io.voxhost.tftp.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.voxhost.platform.concurrent.RoleEventLoops;
import io.voxhost.platform.config.ReloadedSettings;
import io.voxhost.platform.limits.SourceRateLimit;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.platform.net.ListenAddress;
import io.voxhost.platform.node.WarmUps;
import io.voxhost.platform.role.Drained;
import io.voxhost.tftp.TftpConfig;
import io.voxhost.tftp.codec.OptionNegotiation;
import io.voxhost.tftp.service.FetchGuard;
import io.voxhost.tftp.service.FetchLog;
import io.voxhost.tftp.service.ProvisioningFiles;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The TFTP listener and its transfers on Netty: epoll on Linux, NIO elsewhere. Every transfer is a
 * socket of its own on the same event loops; no thread is ever tied to a transfer.
 */
@ApplicationScoped
public class TftpEndpoint {

  private static final Logger LOG = Logger.getLogger(TftpEndpoint.class);

  /** Enough transfers for C2 to compile their path (its thresholds are some 10,000 calls). */
  private static final int WARM_UP_TRANSFERS = 12_000;

  /** What a transfer's socket reads at once: an ACK is 4 bytes, a client's ERROR a few dozen. */
  private static final int TRANSFER_READ_BUFFER = 2048;

  private final TftpConfig config;
  private final ProvisioningFiles files;
  private final FetchGuard guard;
  private final Meters registry;
  private final FetchLog fetches;
  private final RoleEventLoops loops;
  private final WarmUps warmUps;

  private final SourceRateLimit rateLimit;
  private EventLoopGroup group;
  private Channel listener;
  private RequestReception reception;
  private SourceLedger ledger;
  private WarmUps.WarmUp warmUp;

  TftpEndpoint(
      TftpConfig config,
      ProvisioningFiles files,
      FetchGuard guard,
      Meters registry,
      FetchLog fetches,
      RoleEventLoops loops,
      WarmUps warmUps) {
    this.loops = loops;
    this.warmUps = warmUps;
    this.config = config;
    this.files = files;
    this.guard = guard;
    this.registry = registry;
    this.fetches = fetches;
    this.rateLimit =
        new SourceRateLimit(config.rateLimit().perSecond(), config.rateLimit().burst(), 100_000);
  }

  /**
   * Applies changed {@code voxhost.tftp.rate-limit.*} from the next request on.
   *
   * @return the keys applied
   */
  public Set<String> reloadRateLimit(ReloadedSettings settings) {
    return rateLimit.reload(settings, "voxhost.tftp.rate-limit");
  }

  public synchronized void start() throws InterruptedException {
    ListenAddress address = config.listen().single("voxhost.tftp.listen");
    group = loops.group("tftp", config.threads());
    ledger =
        new SourceLedger(
            config.maxTransfers(),
            config.maxTransfersPerSource(),
            config.verifiedSourceTtl(),
            Duration.ofSeconds(10));
    TftpMetrics metrics = new TftpMetrics(registry, ledger::active);
    TransferSettings settings =
        new TransferSettings(config.timeout(), config.minRetransmit(), config.maxTimeouts());
    reception =
        new RequestReception(
            files,
            guard,
            new OptionNegotiation(
                config.maxBlockSize(), config.maxWindowSize(), config.maxWindowBytes()),
            settings,
            new TransferSources(config.maxNetasciiSize()),
            this::openTransfer,
            new ListenerBooks(
                ledger,
                new PendingRequests(System::nanoTime),
                metrics,
                new TransferAudit(fetches),
                System::nanoTime));
    SourceRateGate rateGate = new SourceRateGate(rateLimit, metrics, System::nanoTime);
    RequestDecoder decoder = new RequestDecoder(metrics);
    RequestReception handler = reception;
    Bootstrap bootstrap =
        loops
            .udp(group)
            .option(ChannelOption.SO_RCVBUF, config.receiveBuffer())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channel.pipeline().addLast(rateGate, decoder, handler);
                  }
                });
    if (loops.epoll()) {
      // Tells each request's destination address, so a transfer answers from the address the
      // phone asked even when the listener is bound to every address.
      bootstrap.option(EpollChannelOption.IP_RECVORIGDSTADDR, true);
    }
    try {
      listener = bootstrap.bind(address.host(), address.port()).sync().channel();
    } catch (Exception e) { // Netty rethrows the bind's IOException undeclared
      stop();
      String hint =
          address.port() < 1024
              ? " (ports below 1024 need root or CAP_NET_BIND_SERVICE; set voxhost.tftp.listen)"
              : " (set voxhost.tftp.listen)";
      throw new IllegalStateException(
          "TFTP cannot listen on " + address + ": " + e.getMessage() + hint, e);
    }
    LOG.debugf(
        "TFTP listening on %s (%s)", listener.localAddress(), loops.epoll() ? "epoll" : "nio");
    if (!config.warmUp().isZero()) {
      // Once the node serves, on the platform's warm-up thread; phones are served meanwhile.
      warmUp = warmUps.submit("tftp", () -> warmUp(settings, WARM_UP_TRANSFERS, config.warmUp()));
    }
  }

  private void openTransfer(InetAddress local, TftpTransfer transfer, Consumer<Throwable> failed) {
    ChannelFuture bound = transferSocket().handler(transfer).bind(new InetSocketAddress(local, 0));
    bound.addListener(
        f -> {
          if (!f.isSuccess()) {
            failed.accept(f.cause());
          }
        });
  }

  /** How a transfer's socket is made. */
  private Bootstrap transferSocket() {
    Bootstrap bootstrap = loops.udp(group);
    if (loops.epoll()) {
      // A transfer's socket holds one ACK at a time: read it, and let epoll say when the next
      // one is there. Edge-triggered, every ACK cost a second recvmsg that found nothing.
      bootstrap
          .option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED)
          .option(
              ChannelOption.RCVBUF_ALLOCATOR,
              new FixedRecvByteBufAllocator(TRANSFER_READ_BUFFER).maxMessagesPerRead(1));
    }
    return bootstrap;
  }

  /**
   * Runs the {@link TftpWarmUp} on this thread.
   *
   * @return the transfers it completed
   */
  int warmUp(TransferSettings settings, int transfers, Duration budget) {
    long started = System.nanoTime();
    EventLoopGroup loopsOfTransfers;
    synchronized (this) {
      loopsOfTransfers = group;
    }
    if (loopsOfTransfers == null) {
      return 0;
    }
    int done =
        new TftpWarmUp(this::transferSocket, () -> loops.udp(loopsOfTransfers), settings)
            .run(transfers, budget);
    LOG.infof(
        "TFTP warm-up: %d transfers in %d ms",
        done, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return done;
  }

  public synchronized boolean running() {
    return listener != null && listener.isActive();
  }

  /** The listener's address, for health and tests. */
  public synchronized InetSocketAddress localAddress() {
    return listener == null ? null : (InetSocketAddress) listener.localAddress();
  }

  /**
   * Stops taking requests (the listener closes: a phone's request goes unanswered and it retries,
   * reaching another node) and lets running transfers finish, until the deadline.
   */
  public Drained drain(Instant deadline) throws InterruptedException {
    SourceLedger transfers;
    synchronized (this) {
      if (listener != null) {
        listener.close().syncUninterruptibly();
        listener = null;
      }
      transfers = ledger;
    }
    if (transfers == null) {
      return Drained.complete("nothing running");
    }
    int running = transfers.active();
    while (transfers.active() > 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    int left = transfers.active();
    return left == 0
        ? Drained.complete(running + " running transfer(s) finished")
        : Drained.unfinished(left + " transfer(s) still running");
  }

  public synchronized void stop() {
    if (warmUp != null) {
      warmUp.cancel(); // it stops at its next wave
      warmUp = null;
    }
    if (listener != null) {
      listener.close().syncUninterruptibly();
      listener = null;
    }
    if (reception != null) {
      reception.stopAll();
      reception = null;
    }
    ledger = null;
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
      group = null;
    }
  }
}
