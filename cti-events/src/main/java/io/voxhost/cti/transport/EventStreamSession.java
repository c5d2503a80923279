package io.voxhost.cti.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.voxhost.cti.service.EventStreams;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One switch's stream (cti.md, "Streaming over TCP"): {@code AUTH <key>}, then {@code STREAM
 * <format> <instance>}, then events a line each. Lines are taken in batches; while a batch is being
 * written the connection is not read (its sender's TCP window fills and it waits), and once it is
 * committed the session answers {@code +ACK <n>}: every line up to the n-th is stored, a duplicate,
 * or was answered {@code -ERR <n> ...}. A full queue is tried again, never dropped.
 */
final class EventStreamSession extends SimpleChannelInboundHandler<String>
    implements StreamedLines.Outcome {

  /** Lines one batch takes at most (fewer when the tenant's queue is smaller). */
  static final int BATCH = 1000;

  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private enum Phase {
    AUTH,
    STREAM,
    DATA,
    QUIT
  }

  private final EventStreams streams;
  private final long signInMillis;
  private final int batch;
  private Phase phase = Phase.AUTH;
  private UUID tenant;
  private EventStreams.Place place;
  private StreamedLines lines;

  EventStreamSession(EventStreams streams, long signInMillis, int batch) {
    this.streams = streams;
    this.signInMillis = signInMillis;
    this.batch = batch;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.writeAndFlush("+VOXHOST cti-stream 1\r\n");
    ctx.executor()
        .schedule(
            () -> {
              if ((phase == Phase.AUTH || phase == Phase.STREAM) && ctx.channel().isActive()) {
                refuse(ctx, "too slow to sign in");
              }
            },
            signInMillis,
            TimeUnit.MILLISECONDS);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, String line) {
    switch (phase) {
      case AUTH -> auth(ctx, line.strip());
      case STREAM -> stream(ctx, line.strip());
      case DATA -> data(ctx, line);
      case QUIT -> {
        // Not read: the stream ends once what came before QUIT is committed.
      }
    }
  }

  private void auth(ChannelHandlerContext ctx, String line) {
    if (!line.startsWith("AUTH ")) {
      refuse(ctx, "AUTH <key> first");
      return;
    }
    Optional<UUID> owner = streams.tenantOf(line.substring(5).strip());
    if (owner.isEmpty()) {
      refuse(ctx, "the key is not a tenant's full key");
      return;
    }
    try {
      place = streams.open(owner.get());
    } catch (EventStreams.Busy e) {
      refuse(ctx, "busy: " + e.getMessage());
      return;
    }
    tenant = owner.get();
    phase = Phase.STREAM;
    ctx.writeAndFlush("+OK\r\n");
  }

  private void stream(ChannelHandlerContext ctx, String line) {
    String[] words = line.split(" +");
    Optional<EventStreams.Format> f =
        words.length == 3 && words[0].equals("STREAM")
            ? EventStreams.Format.of(words[1])
            : Optional.empty();
    if (f.isEmpty() || !INSTANCE.matcher(words[2]).matches()) {
      refuse(ctx, "STREAM json|queue-log|cel-csv|ami|esl-json <instance> next");
      return;
    }
    lines =
        new StreamedLines(streams, tenant, streams.reader(f.get(), words[2]), batch, this, false);
    phase = Phase.DATA;
    ctx.writeAndFlush("+OK\r\n");
  }

  private void data(ChannelHandlerContext ctx, String line) {
    if (line.equals("PING")) {
      // Keeps a quiet stream open; says how far the acknowledgements are.
      ctx.writeAndFlush("+PONG " + lines.acknowledged() + "\r\n");
    } else if (line.equals("QUIT")) {
      // The lines before it are written and acknowledged; anything after it is not read.
      phase = Phase.QUIT;
      lines.end(ctx);
    } else {
      lines.add(ctx, line);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (phase == Phase.DATA) {
      lines.readComplete(ctx);
    }
  }

  @Override
  public void problem(ChannelHandlerContext ctx, long n, String why) {
    ctx.write("-ERR " + n + " " + why + "\r\n");
  }

  @Override
  public void committed(ChannelHandlerContext ctx, long n) {
    ctx.write("+ACK " + n + "\r\n");
  }

  @Override
  public void refused(ChannelHandlerContext ctx, long from, long upTo, String why) {
    ctx.write("-ERR " + from + "-" + upTo + " " + why + "\r\n");
  }

  @Override
  public void ended(ChannelHandlerContext ctx, long acknowledged) {
    ctx.writeAndFlush("+BYE " + acknowledged + "\r\n").addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && (lines == null || !lines.writing())) {
      refuse(ctx, "idle: nothing sent for too long");
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      refuse(ctx, "a line longer than " + EventStreamServer.MAX_LINE + " bytes");
    } else {
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (place != null) {
      place.close();
    }
  }

  private void refuse(ChannelHandlerContext ctx, String why) {
    ctx.channel().config().setAutoRead(false);
    ctx.writeAndFlush("-ERR " + why + "\r\n").addListener(ChannelFutureListener.CLOSE);
  }
}
