package io.voxhost.sip.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts a connection's bytes into SIP messages (RFC 3261 18.3): the head up to its blank line, then
 * as many body bytes as its Content-Length says, which a message on a connection must carry.
 * Between messages it answers RFC 5626 keep-alives: a double CRLF (ping) gets a CRLF (pong); a lone
 * CRLF is skipped. A message longer than the node takes is answered with 513, one whose length
 * cannot be known with 400, and the connection is closed after the answer: past such a message
 * nothing on it can be framed any more. Emits each message as a {@code byte[]}.
 */
final class StreamFraming extends ByteToMessageDecoder {

  private static final byte CR = '\r';
  private static final byte LF = '\n';
  private static final byte[] PONG = {CR, LF};
  private static final int MAX_LENGTH_DIGITS = 9;
  private static final long LINGER_MILLIS = 1000;

  /**
   * Pings one read may carry: a phone sends one every half minute or more, so a read full of them
   * is a flood, and answering each would cost a write apiece.
   */
  private static final int MAX_PINGS_PER_READ = 16;

  private final int maxMessageSize;
  private final long messageTimeoutMillis;
  private final SipMetrics metrics;
  private boolean broken;

  /** Pings in this read: their pongs go out in one write at its end. */
  private int pings;

  /** Bytes of the message begun that were searched for its blank line already. */
  private int searched;

  /** Whether the message begun is late, checked once its time is up; null with no message begun. */
  private ScheduledFuture<?> deadline;

  StreamFraming(int maxMessageSize, Duration messageTimeout, SipMetrics metrics) {
    this.maxMessageSize = maxMessageSize;
    this.messageTimeoutMillis = messageTimeout.toMillis();
    this.metrics = metrics;
  }

  @Override
  public void handlerRemoved0(ChannelHandlerContext ctx) {
    endMessage();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (pings > 0) {
      byte[] pongs = new byte[pings * PONG.length];
      for (int i = 0; i < pongs.length; i += PONG.length) {
        System.arraycopy(PONG, 0, pongs, i, PONG.length);
      }
      pings = 0;
      ctx.writeAndFlush(Unpooled.wrappedBuffer(pongs));
    }
    super.channelReadComplete(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (broken) {
      in.skipBytes(in.readableBytes());
      return;
    }
    while (!broken && in.isReadable()) {
      if (!skipKeepAlives(ctx, in)) {
        return;
      }
      if (!in.isReadable()) {
        return;
      }
      int start = in.readerIndex();
      int available = Math.min(in.readableBytes(), maxMessageSize);
      // Searched on from where the last look stopped: a head sent a byte at a time costs linear
      // time, not quadratic.
      int headEnd = headEnd(in, start + Math.max(0, searched - 2), start + available);
      if (headEnd < 0) {
        searched = available;
        if (in.readableBytes() >= maxMessageSize) {
          refuse(ctx, in, BadRequestAnswer.tooLarge(head(in, start, start + available)));
        } else {
          beginMessage(ctx);
        }
        return;
      }
      byte[] head = head(in, start, headEnd);
      long bodyLength = contentLength(head);
      if (bodyLength == MISSING || bodyLength == INVALID) {
        refuse(
            ctx,
            in,
            BadRequestAnswer.of(
                head,
                bodyLength == MISSING ? "Missing Content-Length" : "Malformed Content-Length"));
        return;
      }
      long length = (long) (headEnd - start) + bodyLength;
      if (length > maxMessageSize) {
        refuse(ctx, in, BadRequestAnswer.tooLarge(head));
        return;
      }
      if (in.readableBytes() < length) {
        beginMessage(ctx);
        return;
      }
      byte[] message = new byte[(int) length];
      in.readBytes(message);
      endMessage();
      out.add(message);
    }
  }

  /**
   * Skips CRLFs before a message, counting each double CRLF as a ping to answer with a pong. False
   * when what is there may still become a ping and more bytes are needed to tell, or when the pings
   * are a flood and the connection is closed.
   */
  private boolean skipKeepAlives(ChannelHandlerContext ctx, ByteBuf in) {
    while (in.isReadable()) {
      int r = in.readerIndex();
      byte b = in.getByte(r);
      if (b != CR && b != LF) {
        return true;
      }
      if (in.readableBytes() >= 4
          && b == CR
          && in.getByte(r + 1) == LF
          && in.getByte(r + 2) == CR
          && in.getByte(r + 3) == LF) {
        in.skipBytes(4);
        if (++pings > MAX_PINGS_PER_READ) {
          broken = true;
          in.skipBytes(in.readableBytes());
          metrics.malformed();
          ctx.close();
          return false;
        }
        continue; // answered when the read is done
      }
      if (in.readableBytes() < 4 && onlyLineEnds(in)) {
        return false; // "\r", "\r\n" or "\r\n\r": the rest of a ping may follow
      }
      in.skipBytes(b == CR && in.readableBytes() > 1 && in.getByte(r + 1) == LF ? 2 : 1);
    }
    return true;
  }

  private static boolean onlyLineEnds(ByteBuf in) {
    for (int i = in.readerIndex(); i < in.writerIndex(); i++) {
      byte b = in.getByte(i);
      if (b != CR && b != LF) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where the message's head ends, just past its blank line (CRLF CRLF, or bare LFs as lenient
   * parsers take them); -1 when it is not within {@code [from, to)}.
   */
  private static int headEnd(ByteBuf in, int from, int to) {
    for (int i = from; i < to - 1; i++) {
      if (in.getByte(i) != LF) {
        continue;
      }
      byte next = in.getByte(i + 1);
      if (next == LF) {
        return i + 2;
      }
      if (next == CR && i + 2 < to && in.getByte(i + 2) == LF) {
        return i + 3;
      }
    }
    return -1;
  }

  private static byte[] head(ByteBuf in, int from, int to) {
    byte[] head = new byte[to - from];
    in.getBytes(from, head);
    return head;
  }

  static final long MISSING = -1;
  static final long INVALID = -2;

  /**
   * The body length a head declares in {@code Content-Length} (or {@code l}); {@link #MISSING} or
   * {@link #INVALID} when it declares none, a malformed one, or two that differ.
   */
  static long contentLength(byte[] head) {
    long found = MISSING;
    int line = nextLine(head, 0); // the start line is no header
    while (line < head.length) {
      int end = line;
      while (end < head.length && head[end] != CR && head[end] != LF) {
        end++;
      }
      long value = lengthIn(head, line, end);
      if (value == INVALID || (value >= 0 && found >= 0 && value != found)) {
        return INVALID;
      }
      if (value >= 0) {
        found = value;
      }
      line = nextLine(head, end);
    }
    return found;
  }

  private static int nextLine(byte[] head, int from) {
    int i = from;
    while (i < head.length && head[i] != LF) {
      i++;
    }
    return i + 1;
  }

  /** The value of a Content-Length line in {@code [from, to)}; {@link #MISSING} for other lines. */
  private static long lengthIn(byte[] head, int from, int to) {
    int colon = from;
    while (colon < to && head[colon] != ':') {
      colon++;
    }
    if (colon == to) {
      return MISSING;
    }
    int nameEnd = colon;
    while (nameEnd > from && (head[nameEnd - 1] == ' ' || head[nameEnd - 1] == '\t')) {
      nameEnd--;
    }
    if (!isName(head, from, nameEnd, "content-length") && !isName(head, from, nameEnd, "l")) {
      return MISSING;
    }
    int i = colon + 1;
    while (i < to && (head[i] == ' ' || head[i] == '\t')) {
      i++;
    }
    int end = to;
    while (end > i && (head[end - 1] == ' ' || head[end - 1] == '\t')) {
      end--;
    }
    if (end == i || end - i > MAX_LENGTH_DIGITS) {
      return INVALID;
    }
    long value = 0;
    for (int d = i; d < end; d++) {
      if (head[d] < '0' || head[d] > '9') {
        return INVALID;
      }
      value = value * 10 + (head[d] - '0');
    }
    return value;
  }

  private static boolean isName(byte[] head, int from, int to, String name) {
    if (to - from != name.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.toLowerCase((char) head[from + i]) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Gives a message begun {@code message-timeout} to arrive whole: a client that trickles a message
   * in would otherwise hold its bytes here for as long as each byte keeps the connection from being
   * idle.
   */
  private void beginMessage(ChannelHandlerContext ctx) {
    if (deadline == null) {
      deadline =
          ctx.executor()
              .schedule(
                  () -> {
                    metrics.malformed();
                    ctx.close();
                  },
                  messageTimeoutMillis,
                  TimeUnit.MILLISECONDS);
    }
  }

  private void endMessage() {
    searched = 0;
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  /**
   * Answers (when the bytes allow it), then closes: nothing after this can be framed. What the peer
   * still sends is read and dropped until then: closing on unread bytes would reset the connection
   * and could discard the answer before the peer reads it.
   */
  private void refuse(ChannelHandlerContext ctx, ByteBuf in, byte[] answer) {
    broken = true;
    endMessage();
    in.skipBytes(in.readableBytes());
    if (answer == null) {
      metrics.malformed();
      ctx.close();
      return;
    }
    metrics.response(BadRequestAnswer.status(answer));
    ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
    ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
  }
}
