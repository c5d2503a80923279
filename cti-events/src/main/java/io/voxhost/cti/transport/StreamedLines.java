package io.voxhost.cti.transport;

import io.netty.channel.ChannelHandlerContext;
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
import java.util.stream.Collectors;

/**
 * The lines of one connection on their way to the event writer, in batches: while a batch is being
 * written the connection is not read (its sender's TCP window fills and it waits); a batch the
 * queues refuse is offered again later, never dropped. Used on the connection's event loop only.
 */
final class StreamedLines {

  /** What became of the lines; called on the event loop, which flushes after a commit. */
  interface Outcome {
    /** Line {@code n} is no event, for these reasons. */
    void problem(ChannelHandlerContext ctx, long n, String why);

    /** Every line up to the {@code n}-th is stored, a duplicate, or was a problem. */
    void committed(ChannelHandlerContext ctx, long n);

    /** The database refused lines {@code from} to {@code upTo} for their data. */
    void refused(ChannelHandlerContext ctx, long from, long upTo, String why);

    /** {@link #end} was called and everything before it is committed. */
    default void ended(ChannelHandlerContext ctx, long acknowledged) {}
  }

  /** A batch the queues refused is offered again after this, doubling up to two seconds. */
  private static final long RETRY_MILLIS = 50;

  private final EventStreams streams;
  private final UUID tenant;
  private final EventStreams.Reader reader;
  private final int batch;
  private final Outcome outcome;
  private final boolean afterClose;
  private final Deque<String> lines = new ArrayDeque<>();
  private long received;
  private long acknowledged;
  private boolean writing;
  private boolean ending;
  private long retryMillis = RETRY_MILLIS;

  /**
   * @param afterClose whether lines already read are still written once the connection closed: yes
   *     for a PBX, which sends nothing twice; no for a stream whose sender sends again what was not
   *     acknowledged
   */
  StreamedLines(
      EventStreams streams,
      UUID tenant,
      EventStreams.Reader reader,
      int batch,
      Outcome outcome,
      boolean afterClose) {
    this.afterClose = afterClose;
    this.streams = streams;
    this.tenant = tenant;
    this.reader = reader;
    this.batch = batch;
    this.outcome = outcome;
  }

  /** Takes one line; a full batch goes to the writer at once. */
  void add(ChannelHandlerContext ctx, String line) {
    if (ending) {
      return;
    }
    lines.add(line);
    if (lines.size() >= batch && !writing) {
      write(ctx);
    }
  }

  /** The end of what one read brought: the lines so far go to the writer. */
  void readComplete(ChannelHandlerContext ctx) {
    if (!writing && !lines.isEmpty()) {
      write(ctx);
    }
  }

  /** No line after this one is taken; {@link Outcome#ended} follows the last commit. */
  void end(ChannelHandlerContext ctx) {
    ending = true;
    if (!writing) {
      if (lines.isEmpty()) {
        outcome.ended(ctx, acknowledged);
      } else {
        write(ctx);
      }
    }
  }

  /** Whether a batch is being written (and the connection is not read meanwhile). */
  boolean writing() {
    return writing;
  }

  long acknowledged() {
    return acknowledged;
  }

  /** Lines read so far, problems and lines of no interest included. */
  long received() {
    return received;
  }

  private void write(ChannelHandlerContext ctx) {
    List<CallEvent> events = new ArrayList<>();
    while (!lines.isEmpty() && events.size() < batch) {
      String line = lines.poll();
      received++;
      List<FieldProblem> problems = new ArrayList<>();
      Optional<CallEvent> event = reader.read(line, problems);
      if (event.isPresent()) {
        events.add(event.get());
      } else if (!problems.isEmpty()) {
        outcome.problem(
            ctx,
            received,
            problems.stream()
                .map(p -> p.field() + ": " + p.message())
                .collect(Collectors.joining("; "))
                .replaceAll("[\\r\\n]", " "));
      }
    }
    writing = true;
    ctx.channel().config().setAutoRead(false);
    offer(ctx, events, received);
  }

  private void offer(ChannelHandlerContext ctx, List<CallEvent> events, long upTo) {
    if (!afterClose && !ctx.channel().isActive()) {
      return;
    }
    try {
      streams
          .submit(tenant, events)
          .whenComplete(
              (done, failure) ->
                  ctx.executor().execute(() -> committed(ctx, events, upTo, failure)));
    } catch (IngestFull full) {
      retry(ctx, events, upTo);
    }
  }

  private void committed(
      ChannelHandlerContext ctx, List<CallEvent> events, long upTo, Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof InvalidInput refused) {
      // Sending the same batch again would not change the database's mind.
      outcome.refused(
          ctx, acknowledged + 1, upTo, refused.getMessage().replaceAll("[\\r\\n]", " "));
    } else if (cause != null) {
      // A full queue or an absent database: the same events again, later.
      retry(ctx, events, upTo);
      return;
    }
    retryMillis = RETRY_MILLIS;
    writing = false;
    if (upTo > acknowledged) {
      acknowledged = upTo;
      outcome.committed(ctx, upTo);
    }
    if (!lines.isEmpty()) {
      ctx.flush();
      write(ctx);
    } else if (ending) {
      outcome.ended(ctx, acknowledged);
    } else {
      ctx.flush();
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void retry(ChannelHandlerContext ctx, List<CallEvent> events, long upTo) {
    long wait = retryMillis;
    retryMillis = Math.min(2000, retryMillis * 2);
    ctx.executor().schedule(() -> offer(ctx, events, upTo), wait, TimeUnit.MILLISECONDS);
  }
}
