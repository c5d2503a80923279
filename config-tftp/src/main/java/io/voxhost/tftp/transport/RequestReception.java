package io.voxhost.tftp.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.voxhost.tftp.codec.OptionNegotiation;
import io.voxhost.tftp.codec.TftpError;
import io.voxhost.tftp.service.FetchGuard;
import io.voxhost.tftp.service.FileName;
import io.voxhost.tftp.service.ProvisioningFiles;
import io.voxhost.tftp.service.Requester;
import io.voxhost.tftp.service.ServedFile;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The listener's side of TFTP after decoding: each read request is checked, admitted, resolved and
 * handed to a {@link TftpTransfer} on a socket of its own. Refusals are ERROR packets of about the
 * request's size; requests over the limits are dropped, so that the client retries later rather
 * than give up as an ERROR would make it.
 */
@ChannelHandler.Sharable
final class RequestReception extends SimpleChannelInboundHandler<ReadRequestFrom> {

  private static final Logger LOG = Logger.getLogger(RequestReception.class);

  private final ProvisioningFiles files;
  private final FetchGuard guard;
  private final OptionNegotiation negotiation;
  private final TransferSettings settings;
  private final TransferSources sources;
  private final TransferChannels channels;
  private final ListenerBooks books;

  RequestReception(
      ProvisioningFiles files,
      FetchGuard guard,
      OptionNegotiation negotiation,
      TransferSettings settings,
      TransferSources sources,
      TransferChannels channels,
      ListenerBooks books) {
    super(ReadRequestFrom.class);
    this.files = files;
    this.guard = guard;
    this.negotiation = negotiation;
    this.settings = settings;
    this.sources = sources;
    this.channels = channels;
    this.books = books;
  }

  /** Tells every running transfer to end. */
  void stopAll() {
    books.pending().stopAll();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, ReadRequestFrom request) {
    try {
      read(ctx, request);
    } catch (RuntimeException e) {
      LOG.warnf("TFTP request from %s not handled: %s", request.client(), e.toString());
      LOG.debug("Failure detail", e);
    }
  }

  /** A packet the decoder could not handle; the listener goes on with the next one. */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warnf("TFTP packet not handled: %s", cause.toString());
    LOG.debug("Failure detail", cause);
  }

  private void read(ChannelHandlerContext ctx, ReadRequestFrom request) {
    InetSocketAddress client = request.client();
    if (books.pending().absorbsRepeat(client, request.request().fileName())) {
      return;
    }
    if (guard.banned(Requester.tftp(client.getAddress()))) {
      // Unanswered, whatever the name: a scanner learns nothing, a forged source gets nothing.
      books.metrics().request(RequestOutcome.BANNED);
      return;
    }
    String mode = request.request().mode();
    if (!mode.equals("octet") && !mode.equals("netascii")) {
      refuse(
          ctx,
          client,
          RequestOutcome.MALFORMED,
          new Refusal(
              TftpError.ILLEGAL_OPERATION, "Transfer mode must be octet or netascii, not " + mode));
      return;
    }
    Optional<String> refusal = FileName.refusal(request.request().fileName());
    if (refusal.isPresent()) {
      refuse(
          ctx,
          client,
          RequestOutcome.REFUSED,
          new Refusal(TftpError.ACCESS_VIOLATION, refusal.get()));
      return;
    }
    admit(ctx, request);
  }

  private void admit(ChannelHandlerContext ctx, ReadRequestFrom request) {
    InetSocketAddress client = request.client();
    Runnable later =
        () ->
            ctx.executor()
                .execute(
                    () -> {
                      books.pending().doneWaiting(client);
                      admit(ctx, request);
                    });
    switch (books.ledger().admit(client.getAddress(), later)) {
      case BUSY -> books.metrics().request(RequestOutcome.BUSY);
      case WAIT -> {
        books.metrics().request(RequestOutcome.WAITING);
        books.pending().waiting(client);
      }
      case START -> lookUp(ctx, request, false);
      case START_PROBE -> lookUp(ctx, request, true);
    }
  }

  /** Finds the file (which may read a device from the database) off the event loop's path. */
  private void lookUp(ChannelHandlerContext ctx, ReadRequestFrom request, boolean probe) {
    InetSocketAddress client = request.client();
    FileName name = new FileName(request.request().fileName());
    books.pending().waiting(client);
    files
        .find(name)
        .whenComplete(
            (file, failure) ->
                ctx.executor()
                    .execute(
                        () -> {
                          books.pending().doneWaiting(client);
                          if (failure != null) {
                            LOG.debugf("Looking up %s failed: %s", name, failure.toString());
                            refuse(
                                ctx,
                                client,
                                RequestOutcome.LOOKUP_FAILED,
                                new Refusal(TftpError.NOT_DEFINED, "Server busy, try again"));
                            books.ended(client.getAddress(), probe);
                            return;
                          }
                          start(ctx, request, probe, file);
                        }));
  }

  private void start(
      ChannelHandlerContext ctx, ReadRequestFrom request, boolean probe, ServedFile found) {
    ServedFile file = found;
    InetSocketAddress client = request.client();
    FileName asked = new FileName(request.request().fileName());
    if (guard.judge(asked, file, Requester.tftp(client.getAddress()))
        != FetchGuard.Verdict.PROCEED) {
      // Answered as an unknown name (ERROR 1, or the unknown-device stand-in): nothing of the
      // device shows.
      books.audit().refused(file, client, RequestOutcome.NOT_ALLOWED);
      file = files.asUnknown(asked);
      if (file instanceof ServedFile.Missing) {
        refuse(
            ctx,
            client,
            RequestOutcome.NOT_ALLOWED,
            new Refusal(TftpError.FILE_NOT_FOUND, "File not found"));
        books.ended(client.getAddress(), probe);
        return;
      }
    }
    SourceOpening opening = sources.open(file, request.request().mode().equals("netascii"));
    if (opening instanceof SourceOpening.Refused refused) {
      books.audit().refused(file, client, refused.outcome());
      refuse(ctx, client, refused.outcome(), refused.refusal());
      books.ended(client.getAddress(), probe);
      return;
    }
    TransferSource source = ((SourceOpening.Opened) opening).source();
    AdmittedTransfer admitted =
        new AdmittedTransfer(books, request, file, probe, source, plan(request, source));
    TftpTransfer transfer = admitted.transfer();
    books.pending().started(client, transfer);
    books.metrics().request(RequestOutcome.STARTED);
    channels.open(
        request.local(),
        transfer,
        failure -> {
          LOG.warnf("No socket for a transfer to %s: %s", client, failure.toString());
          source.close();
          books.pending().ended(client, transfer);
          new Refusal(TftpError.NOT_DEFINED, "Server cannot open a transfer now")
              .sendTo(ctx, client);
          books.ended(client.getAddress(), probe);
        });
  }

  /** How the transfer runs: the options agreed with the client, the server's own settings. */
  private TransferPlan plan(ReadRequestFrom request, TransferSource source) {
    OptionNegotiation.Negotiated agreed =
        negotiation.negotiate(request.request().options(), source.size());
    return new TransferPlan(
        request.request().fileName(),
        agreed.blockSize(),
        agreed.windowSize(),
        agreed.acknowledged(),
        agreed.timeoutSeconds() > 0
            ? agreed.timeoutSeconds() * 1000L
            : settings.timeout().toMillis(),
        settings.minRetransmit().toMillis(),
        settings.maxTimeouts());
  }

  private void refuse(
      ChannelHandlerContext ctx,
      InetSocketAddress client,
      RequestOutcome outcome,
      Refusal refusal) {
    books.metrics().request(outcome);
    refusal.sendTo(ctx, client);
  }
}
