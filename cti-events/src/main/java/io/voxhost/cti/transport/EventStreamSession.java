package io.voxhost.cti.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import io.voxhost.cti.service.CallEvent;
import io.voxhost.cti.service.EventStreams;
import io.voxhost.cti.service.IngestFull;
import io.voxhost.platform.service.InvalidInput;
import io.voxhost.platform.service.InvalidInput.FieldProblem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One switch's stream (cti.md, "Streaming over TCP"): {@code AUTH <key>}, then {@code STREAM
 * <format> <instance>}, then events a line each. Lines are taken in batches; while a batch is being
 * written the connection is not read (its sender's TCP window fills and it waits), and once it is
 * committed the session answers {@code +ACK <n>}: every line up to the n-th is stored, a duplicate,
 * or was answered {@code -ERR <n> ...}. A full queue is tried again, never dropped.
 */
final class EventStreamSession extends SimpleChannelInboundHandler<String> {

  /** Lines one batch takes at most (fewer when the tenant's queue is smaller). */
  static final int BATCH = 1000;

  /** A batch the queues refused is offered again after this, doubling up to two seconds. */
  private static final long RETRY_MILLIS = 50;

  private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private enum Phase {
    AUTH,
    STREAM,
    DATA
  }

  private final EventStreams streams;
  private final long signInMillis;
  private final int batch;
  private final Deque<String> lines = new ArrayDeque<>();
  private Phase phase = Phase.AUTH;
  private UUID tenant;
  private EventStreams.Place place;
  private EventStreams.Reader reader;
  private long received;
  private long acknowledged;
  private boolean writing;
  private long retryMillis = RETRY_MILLIS;

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
              if (phase != Phase.DATA && ctx.channel().isActive()) {
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
    reader = streams.reader(f.get(), words[2]);
    phase = Phase.DATA;
    ctx.writeAndFlush("+OK\r\n");
  }

  private void data(ChannelHandlerContext ctx, String line) {
    if (line.equals("PING")) {
      // Keeps a quiet stream open; says how far the acknowledgements are.
      ctx.writeAndFlush("+PONG " + acknowledged + "\r\n");
      return;
    }
    lines.add(line);
    if (lines.size() >= batch && !writing) {
      write(ctx);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (phase == Phase.DATA && !writing && !lines.isEmpty()) {
      write(ctx);
    }
  }

  /** Takes the next batch, answers its bad lines, and queues its events; reading waits. */
  private void write(ChannelHandlerContext ctx) {
    List<CallEvent> events = new ArrayList<>();
    StringBuilder answers = new StringBuilder();
    boolean quit = false;
    while (!lines.isEmpty() && events.size() < batch) {
      String line = lines.poll();
      if (line.equals("QUIT")) {
        // The lines before it are written and acknowledged; anything after it is not read.
        quit = true;
        lines.clear();
        break;
      }
      received++;
      List<FieldProblem> problems = new ArrayList<>();
      Optional<CallEvent> event = reader.read(line, problems);
      if (event.isPresent()) {
        events.add(event.get());
      } else if (!problems.isEmpty()) {
        answers
            .append("-ERR ")
            .append(received)
            .append(' ')
            .append(
                problems.stream()
                    .map(p -> p.field() + ": " + p.message())
                    .collect(Collectors.joining("; "))
                    .replaceAll("[\\r\\n]", " "))
            .append("\r\n");
      }
    }
    if (answers.length() > 0) {
      ctx.write(answers.toString());
    }
    long upTo = received;
    boolean closing = quit;
    writing = true;
    ctx.channel().config().setAutoRead(false);
    offer(ctx, events, upTo, closing);
  }

  private void offer(ChannelHandlerContext ctx, List<CallEvent> events, long upTo, boolean quit) {
    if (!ctx.channel().isActive()) {
      return;
    }
    try {
      streams
          .submit(tenant, events)
          .whenComplete(
              (done, failure) ->
                  ctx.executor().execute(() -> committed(ctx, events, upTo, quit, failure)));
    } catch (IngestFull full) {
      retry(ctx, events, upTo, quit);
    }
  }

  private void committed(
      ChannelHandlerContext ctx,
      List<CallEvent> events,
      long upTo,
      boolean quit,
      Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof InvalidInput refused) {
      // The database refused the batch for its data: sending it again would not change that.
      ctx.write(
          "-ERR "
              + (acknowledged + 1)
              + "-"
              + upTo
              + " "
              + refused.getMessage().replaceAll("[\\r\\n]", " ")
              + "\r\n");
    } else if (cause != null) {
      // A full queue or an absent database: the same events again, later.
      retry(ctx, events, upTo, quit);
      return;
    }
    retryMillis = RETRY_MILLIS;
    writing = false;
    if (upTo > acknowledged) {
      acknowledged = upTo;
      ctx.write("+ACK " + upTo + "\r\n");
    }
    if (quit) {
      ctx.writeAndFlush("+BYE " + acknowledged + "\r\n").addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.flush();
    if (!lines.isEmpty()) {
      write(ctx);
    } else {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void retry(ChannelHandlerContext ctx, List<CallEvent> events, long upTo, boolean quit) {
    long wait = retryMillis;
    retryMillis = Math.min(2000, retryMillis * 2);
    ctx.executor().schedule(() -> offer(ctx, events, upTo, quit), wait, TimeUnit.MILLISECONDS);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent && !writing) {
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
