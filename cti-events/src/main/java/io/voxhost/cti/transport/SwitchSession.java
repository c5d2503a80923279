package io.voxhost.cti.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.voxhost.cti.service.EventStreams;
import io.voxhost.cti.service.SwitchLink;
import io.voxhost.cti.service.SwitchLinks;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One connection this node opened to a PBX: sign in within the connect timeout, then read its
 * events into the event writer (a batch at a time, the PBX not read meanwhile), ask it something
 * when it is quiet and give up on it when it stays so. What it says and how is the subclass's.
 */
abstract class SwitchSession extends ChannelInboundHandlerAdapter implements StreamedLines.Outcome {

  private static final Logger LOG = Logger.getLogger(SwitchSession.class);

  /** Quiet periods of keep-alive length after which the connection is taken for dead. */
  private static final int QUIET_PERIODS = 3;

  protected final SwitchLink link;
  private final SwitchLinks links;
  private final EventStreams streams;
  private final int batch;
  private StreamedLines lines;
  private int quiet;
  private long counted;
  private boolean refused;
  private String failure;

  SwitchSession(SwitchLink link, SwitchLinks links, EventStreams streams, int batch) {
    this.link = link;
    this.links = links;
    this.streams = streams;
    this.batch = batch;
  }

  /** Whether the PBX refused the sign-in (the next attempt waits the longest). */
  boolean refused() {
    return refused;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.executor()
        .schedule(
            () -> {
              if (lines == null && ctx.channel().isActive()) {
                fail(ctx, "not signed in within " + link.connectTimeout());
              }
            },
            link.connectTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
    ctx.fireChannelActive();
  }

  /** Signed in: from now on {@link #event} takes what the PBX sends. */
  protected final void signedIn(ChannelHandlerContext ctx) {
    lines =
        new StreamedLines(
            streams, link.tenant(), streams.reader(format(), link.instance()), batch, this, true);
    links.state(link, SwitchLinks.State.SIGNED_IN, Optional.empty());
    LOG.infof("signed in to %s", link);
  }

  /** The reader the PBX's events need. */
  protected abstract EventStreams.Format format();

  /** The PBX answered the sign-in with a refusal. */
  protected final void refusedBy(ChannelHandlerContext ctx, String why) {
    refused = true;
    links.state(link, SwitchLinks.State.REFUSED, Optional.of(why));
    LOG.warnf("%s refused the sign-in: %s", link, why);
    ctx.close();
  }

  /** A line (AMI) or an event (ESL) for the event writer. */
  protected final void event(ChannelHandlerContext ctx, String text) {
    lines.add(ctx, text);
  }

  protected final boolean isSignedIn() {
    return lines != null;
  }

  /** Something to ask the PBX that it answers without doing anything. */
  protected abstract String keepAlive();

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    quiet = 0;
    read(ctx, msg);
  }

  protected abstract void read(ChannelHandlerContext ctx, Object msg);

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (lines != null) {
      lines.readComplete(ctx);
      links.read(link, lines.received() - counted);
      counted = lines.received();
    }
    ctx.flush();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle
        && idle.state() == IdleState.READER_IDLE
        && lines != null
        && !lines.writing()) {
      // Before the sign-in, the connect timeout is the bound.
      if (++quiet >= QUIET_PERIODS) {
        fail(ctx, "nothing read for " + link.keepAlive().multipliedBy(QUIET_PERIODS));
      } else {
        ctx.writeAndFlush(keepAlive());
      }
    }
  }

  @Override
  public void problem(ChannelHandlerContext ctx, long n, String why) {
    LOG.debugf("%s: event %d is not read: %s", link, n, why);
  }

  @Override
  public void committed(ChannelHandlerContext ctx, long n) {
    // Nothing to tell the PBX: neither interface acknowledges.
  }

  @Override
  public void refused(ChannelHandlerContext ctx, long from, long upTo, String why) {
    LOG.warnf("%s: the database refused events %d-%d: %s", link, from, upTo, why);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(
        ctx,
        cause instanceof DecoderException
            ? "unreadable: " + cause.getMessage()
            : String.valueOf(cause.getMessage()));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (lines != null) {
      // What was read is written still: the PBX will not send it again.
      lines.readComplete(ctx);
    }
    if (!refused) {
      String why = failure != null ? failure : "the PBX closed the connection";
      links.state(link, SwitchLinks.State.DOWN, Optional.of(why));
      LOG.warnf("%s: %s", link, why);
    }
  }

  /** Closes the connection, for this reason. */
  protected final void fail(ChannelHandlerContext ctx, String why) {
    if (failure == null) {
      failure = why;
    }
    ctx.close();
  }

  /** What the PBX said, cut short and without control characters, for a log line or a status. */
  protected static String printable(String s) {
    String cut = s.length() > 200 ? s.substring(0, 200) : s;
    return cut.strip().replaceAll("[^\\x20-\\x7e]", "?");
  }
}
