package io.voxhost.cti.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FreeSWITCH's event socket messages: {@code Name: value} header lines up to a blank line, then
 * {@code Content-Length} bytes of body when the headers say so. Headers and body are bounded; past
 * either, the connection is closed rather than read on.
 */
final class EslFrameDecoder extends ByteToMessageDecoder {

  /** One message: its headers (names in any case) and its body, empty when it has none. */
  record Frame(Map<String, String> headers, String body) {
    String contentType() {
      return headers.getOrDefault("Content-Type", "");
    }
  }

  static final int MAX_HEADERS = 65_536;
  static final int MAX_BODY = 4 * 1024 * 1024;

  private Map<String, String> headers;
  private int bodyLength;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (true) {
      if (headers == null) {
        int end = headerEnd(in);
        if (end < 0) {
          if (in.readableBytes() > MAX_HEADERS) {
            throw new TooLongFrameException("event socket headers past " + MAX_HEADERS + " bytes");
          }
          return;
        }
        String text =
            in.readCharSequence(end - in.readerIndex(), StandardCharsets.UTF_8).toString();
        in.skipBytes(2);
        headers = headers(text);
        String length = headers.get("Content-Length");
        bodyLength = 0;
        if (length != null) {
          try {
            bodyLength = Integer.parseInt(length.strip());
          } catch (NumberFormatException e) {
            bodyLength = -1;
          }
          if (bodyLength < 0 || bodyLength > MAX_BODY) {
            throw new TooLongFrameException("event socket body of " + length + " bytes");
          }
        }
      }
      if (in.readableBytes() < bodyLength) {
        return;
      }
      String body = in.readCharSequence(bodyLength, StandardCharsets.UTF_8).toString();
      out.add(new Frame(headers, body));
      headers = null;
    }
  }

  /** The index of the first of the two line ends that end the headers, or -1. */
  private static int headerEnd(ByteBuf in) {
    int from = in.readerIndex();
    int to = in.writerIndex();
    while (from < to) {
      int nl = in.forEachByte(from, to - from, ByteProcessor.FIND_LF);
      if (nl < 0 || nl + 1 >= to) {
        return -1;
      }
      if (in.getByte(nl + 1) == '\n') {
        return nl;
      }
      from = nl + 1;
    }
    return -1;
  }

  private static Map<String, String> headers(String text) {
    Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        map.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return map;
  }
}
