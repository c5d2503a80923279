package io.voxhost.tftp.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.voxhost.platform.limits.SourceRateLimit;
import io.voxhost.tftp.codec.MalformedPacket;
import io.voxhost.tftp.codec.Netascii;
import io.voxhost.tftp.codec.OptionNegotiation;
import io.voxhost.tftp.codec.TftpCodec;
import io.voxhost.tftp.codec.TftpError;
import io.voxhost.tftp.codec.TftpPacket;
import io.voxhost.tftp.service.FileName;
import io.voxhost.tftp.service.ProvisioningFiles;
import io.voxhost.tftp.service.ServedFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The listener's side of TFTP: each read request is checked, resolved and admitted, then handed to
 * a {@link TftpTransfer} on a socket of its own. Refusals are ERROR packets of about the request's
 * size; requests over the limits are dropped, so that the client retries later rather than give up
 * as an ERROR would make it.
 */
@ChannelHandler.Sharable
final class RequestReception extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = Logger.getLogger(RequestReception.class);

  private final ProvisioningFiles files;
  private final OptionNegotiation negotiation;
  private final TransferSettings settings;
  private final SourceLedger ledger;
  private final SourceRateLimit rateLimit;
  private final TransferChannels channels;
  private final TftpMetrics metrics;
  private final TransferAudit fetches;

  /** Running transfers by the client's TID, so that a repeated request is not a second one. */
  private final Map<InetSocketAddress, Running> running = new ConcurrentHashMap<>();

  /**
   * Clients whose request waits (for its address to be verified, or for its file to be looked up),
   * with when it started waiting: a repeat meanwhile is not a new request. Entries the ledger
   * dropped unanswered are forgotten after {@link #WAIT_MEMORY_NANOS}.
   */
  private final Map<InetSocketAddress, Long> waiting = new ConcurrentHashMap<>();

  private static final long WAIT_MEMORY_NANOS = 15_000_000_000L;
  private static final int WAITING_SWEEP_SIZE = 20_000;

  RequestReception(
      ProvisioningFiles files,
      OptionNegotiation negotiation,
      TransferSettings settings,
      SourceLedger ledger,
      SourceRateLimit rateLimit,
      TransferChannels channels,
      TftpMetrics metrics,
      TransferAudit fetches) {
    this.files = files;
    this.negotiation = negotiation;
    this.settings = settings;
    this.ledger = ledger;
    this.rateLimit = rateLimit;
    this.channels = channels;
    this.metrics = metrics;
    this.fetches = fetches;
  }

  /** Tells every running transfer to end. */
  void stopAll() {
    running.values().forEach(r -> r.transfer().stop());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      receive(ctx, packet);
    } catch (RuntimeException e) {
      LOG.warnf("TFTP request from %s not handled: %s", packet.sender(), e.toString());
      LOG.debug("Failure detail", e);
    } finally {
      packet.release();
    }
  }

  private void receive(ChannelHandlerContext ctx, DatagramPacket packet) {
    InetSocketAddress client = packet.sender();
    if (!rateLimit.allow(client.getAddress().getHostAddress())) {
      metrics.request("rate_limited");
      return;
    }
    ByteBuf content = packet.content();
    TftpPacket request;
    try {
      request = TftpCodec.decode(content);
    } catch (MalformedPacket e) {
      metrics.request("malformed");
      refuse(ctx, client, TftpError.ILLEGAL_OPERATION, e.getMessage());
      return;
    }
    if (request instanceof TftpPacket.ReadRequest read) {
      read(ctx, client, localAddress(ctx, packet), read);
    } else if (request instanceof TftpPacket.WriteRequest) {
      metrics.request("write_refused");
      refuse(ctx, client, TftpError.ACCESS_VIOLATION, "This server does not accept writes");
    } else if (!(request instanceof TftpPacket.ErrorPacket)) {
      // An ERROR is never answered; anything else has no business on the listener's port.
      metrics.request("malformed");
      refuse(ctx, client, TftpError.ILLEGAL_OPERATION, "Only read requests come to this port");
    }
  }

  private void read(
      ChannelHandlerContext ctx,
      InetSocketAddress client,
      InetAddress local,
      TftpPacket.ReadRequest request) {
    Running already = running.get(client);
    if (already != null) {
      if (already.transfer().fileName().equals(request.fileName())) {
        already.transfer().requestRepeated();
      }
      return;
    }
    Long since = waiting.get(client);
    if (since != null && System.nanoTime() - since < WAIT_MEMORY_NANOS) {
      return; // its first copy is waiting already
    }
    if (!request.mode().equals("octet") && !request.mode().equals("netascii")) {
      metrics.request("malformed");
      refuse(
          ctx,
          client,
          TftpError.ILLEGAL_OPERATION,
          "Transfer mode must be octet or netascii, not " + request.mode());
      return;
    }
    Optional<String> refusal = FileName.refusal(request.fileName());
    if (refusal.isPresent()) {
      metrics.request("refused");
      refuse(ctx, client, TftpError.ACCESS_VIOLATION, refusal.get());
      return;
    }
    admit(ctx, client, local, request);
  }

  private void admit(
      ChannelHandlerContext ctx,
      InetSocketAddress client,
      InetAddress local,
      TftpPacket.ReadRequest request) {
    Runnable later =
        () ->
            ctx.executor()
                .execute(
                    () -> {
                      waiting.remove(client);
                      admit(ctx, client, local, request);
                    });
    switch (ledger.admit(client.getAddress(), later)) {
      case BUSY -> metrics.request("busy");
      case WAIT -> {
        metrics.request("waiting");
        markWaiting(client);
      }
      case START -> start(ctx, client, local, request, false);
      case START_PROBE -> start(ctx, client, local, request, true);
    }
  }

  private void start(
      ChannelHandlerContext ctx,
      InetSocketAddress client,
      InetAddress local,
      TftpPacket.ReadRequest request,
      boolean probe) {
    FileName name = new FileName(request.fileName());
    markWaiting(client);
    files
        .find(name)
        .whenComplete(
            (file, failure) ->
                ctx.executor()
                    .execute(
                        () -> {
                          waiting.remove(client);
                          if (failure != null) {
                            LOG.debugf("Looking up %s failed: %s", name, failure.toString());
                            metrics.request("lookup_failed");
                            refuse(ctx, client, TftpError.NOT_DEFINED, "Server busy, try again");
                            release(ledger.ended(client.getAddress(), probe));
                            return;
                          }
                          start(ctx, client, local, request, probe, file);
                        }));
  }

  private void start(
      ChannelHandlerContext ctx,
      InetSocketAddress client,
      InetAddress local,
      TftpPacket.ReadRequest request,
      boolean probe,
      ServedFile file) {
    FileName name = new FileName(request.fileName());
    TransferSource source;
    try {
      source = open(file, request.mode().equals("netascii"));
    } catch (Refusal r) {
      metrics.request(r.error == TftpError.FILE_NOT_FOUND ? "not_found" : "refused");
      fetches.refused(file, client, r.error == TftpError.FILE_NOT_FOUND ? "not_found" : "refused");
      refuse(ctx, client, r.error, r.getMessage());
      release(ledger.ended(client.getAddress(), probe));
      return;
    }
    OptionNegotiation.Negotiated agreed = negotiation.negotiate(request.options(), source.size());
    TransferPlan plan =
        new TransferPlan(
            name.value(),
            agreed.blockSize(),
            agreed.windowSize(),
            agreed.acknowledged(),
            agreed.timeoutSeconds() > 0
                ? agreed.timeoutSeconds() * 1000L
                : settings.timeout().toMillis(),
            settings.minRetransmit().toMillis(),
            settings.maxTimeouts());
    Running entry = new Running(probe, file);
    TftpTransfer transfer = new TftpTransfer(client, source, plan, entry, System::nanoTime);
    entry.transfer = transfer;
    running.put(client, entry);
    metrics.request("started");
    channels.open(
        local,
        transfer,
        failure -> {
          LOG.warnf("No socket for a transfer to %s: %s", client, failure.toString());
          source.close();
          running.remove(client, entry);
          refuse(ctx, client, TftpError.NOT_DEFINED, "Server cannot open a transfer now");
          release(ledger.ended(client.getAddress(), probe));
        });
  }

  private TransferSource open(ServedFile file, boolean netascii) throws Refusal {
    try {
      if (file instanceof ServedFile.StaticFile s) {
        if (!netascii) {
          return FileSource.open(s.path());
        }
        if (s.size() > settings.maxNetasciiSize()) {
          throw new Refusal(
              TftpError.NOT_DEFINED, "File too large for netascii mode: ask for octet");
        }
        return new BytesSource(Netascii.encode(Files.readAllBytes(s.path())));
      }
      if (file instanceof ServedFile.GeneratedFile g) {
        if (g.credentials() != null) {
          throw new Refusal(
              TftpError.ACCESS_VIOLATION,
              "This device fetches its files over HTTP with a password");
        }
        return new BytesSource(netascii ? Netascii.encode(g.content()) : g.content());
      }
      if (file instanceof ServedFile.Forbidden f) {
        throw new Refusal(TftpError.ACCESS_VIOLATION, f.reason());
      }
      throw new Refusal(TftpError.FILE_NOT_FOUND, "File not found");
    } catch (IOException e) {
      throw new Refusal(TftpError.ACCESS_VIOLATION, "File cannot be read");
    }
  }

  private void markWaiting(InetSocketAddress client) {
    long now = System.nanoTime();
    if (waiting.size() >= WAITING_SWEEP_SIZE) {
      waiting.values().removeIf(since -> now - since >= WAIT_MEMORY_NANOS);
    }
    waiting.put(client, now);
  }

  private void release(List<Runnable> requests) {
    requests.forEach(Runnable::run);
  }

  private void refuse(
      ChannelHandlerContext ctx, InetSocketAddress client, TftpError error, String message) {
    ctx.writeAndFlush(new DatagramPacket(TftpCodec.error(error, message, ctx.alloc()), client));
  }

  /** The address the request came to, so the transfer answers from it (multi-homed hosts). */
  private static InetAddress localAddress(ChannelHandlerContext ctx, DatagramPacket packet) {
    InetSocketAddress recipient = packet.recipient();
    if (recipient != null && !recipient.getAddress().isAnyLocalAddress()) {
      return recipient.getAddress();
    }
    InetSocketAddress bound = (InetSocketAddress) ctx.channel().localAddress();
    return bound.getAddress();
  }

  /** A running transfer and what the ledger must hear when it is acknowledged or ends. */
  private final class Running implements TransferEvents {
    private final boolean probe;
    private final ServedFile file;
    private boolean acknowledged;
    private TftpTransfer transfer;

    Running(boolean probe, ServedFile file) {
      this.probe = probe;
      this.file = file;
    }

    TftpTransfer transfer() {
      return transfer;
    }

    @Override
    public void acknowledged(InetSocketAddress client) {
      acknowledged = true;
      release(ledger.acknowledged(client.getAddress(), probe));
    }

    @Override
    public void resent(long blocks, boolean afterTimeout) {
      metrics.resent(blocks, afterTimeout);
    }

    @Override
    public void ended(InetSocketAddress client, TransferOutcome outcome, long delivered) {
      running.remove(client, this);
      metrics.ended(outcome, delivered);
      fetches.ended(file, client, outcome, delivered);
      release(ledger.ended(client.getAddress(), probe && !acknowledged));
    }
  }

  private static final class Refusal extends Exception {
    private final TftpError error;

    Refusal(TftpError error, String message) {
      super(message, null, false, false);
      this.error = error;
    }
  }
}
