package io.voxhost.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.voxhost.platform.metrics.Meters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Framing SIP on a connection (RFC 3261 18.3) and RFC 5626 keep-alives, on an embedded channel. */
class StreamFramingTest {

  private static final int MAX = 2048;

  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new StreamFraming(
              MAX, Duration.ofSeconds(10), new SipMetrics(new Meters(new SimpleMeterRegistry()))));

  private static String request(String body, String lengthHeader) {
    return "MESSAGE sip:bob@frame.test SIP/2.0\r\n"
        + "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
        + "From: <sip:alice@frame.test>;tag=1\r\n"
        + "To: <sip:bob@frame.test>\r\n"
        + "Call-ID: frame-1@test\r\n"
        + "CSeq: 1 MESSAGE\r\n"
        + lengthHeader
        + "\r\n"
        + body;
  }

  private static String request(String body) {
    return request(body, "Content-Length: " + body.length() + "\r\n");
  }

  private void write(String text) {
    channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
  }

  private String read() {
    byte[] message = channel.readInbound();
    return message == null ? null : new String(message, StandardCharsets.ISO_8859_1);
  }

  private String written() {
    ByteBuf out = channel.readOutbound();
    if (out == null) {
      return null;
    }
    try {
      return out.toString(StandardCharsets.ISO_8859_1);
    } finally {
      out.release();
    }
  }

  @Test
  void aMessageWithABodyComesOutWholeAndTheNextOneAfterIt() {
    String first = request("hello, bob");
    String second = request("");
    write(first + second);
    assertThat(read()).isEqualTo(first);
    assertThat(read()).isEqualTo(second);
    assertThat(read()).isNull();
  }

  @Test
  void aMessageSentAByteAtATimeComesOutOnceItIsWhole() {
    String message = request("abc");
    for (int i = 0; i < message.length() - 1; i++) {
      write(message.substring(i, i + 1));
      assertThat(read()).isNull();
    }
    write(message.substring(message.length() - 1));
    assertThat(read()).isEqualTo(message);
  }

  @Test
  void theCompactFormAndOddSpacingOfContentLengthFrameTheBody() {
    String message = request("12345", "l :\t5 \r\n");
    write(message + "trailing");
    assertThat(read()).isEqualTo(message);
  }

  @Test
  void aDoubleCrlfPingGetsACrlfPongAndALoneCrlfIsSkipped() {
    write("\r\n\r\n");
    assertThat(written()).isEqualTo("\r\n");
    assertThat(read()).isNull();

    String message = request("");
    write("\r\n" + message);
    assertThat(read()).isEqualTo(message);
    assertThat(written()).as("a lone CRLF is a pong, not a ping").isNull();

    write("\r\n");
    write("\r\n");
    assertThat(written()).as("a ping split over two reads").isEqualTo("\r\n");
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void aReadFullOfPingsIsAFloodAndClosesTheConnection() {
    write("\r\n\r\n".repeat(16));
    assertThat(written()).as("sixteen pongs, in one flush").isEqualTo("\r\n".repeat(16));
    assertThat(channel.isActive()).isTrue();
    write("\r\n\r\n".repeat(17));
    assertThat(channel.isActive()).isFalse();
  }

  @Test
  void aMessageWithoutContentLengthIsRefusedWith400AndTheConnectionCloses() {
    write(request("body", ""));
    assertThat(written()).startsWith("SIP/2.0 400 Bad Request (Missing Content-Length)\r\n");
    assertThat(read()).isNull();
    closeAfterLinger();
  }

  @Test
  void twoContentLengthsThatDifferAreRefused() {
    write(request("ab", "Content-Length: 2\r\nContent-Length: 3\r\n"));
    assertThat(written()).startsWith("SIP/2.0 400 Bad Request (Malformed Content-Length)\r\n");
    closeAfterLinger();
  }

  @Test
  void aNegativeOrHugeContentLengthIsRefused() {
    write(request("", "Content-Length: -1\r\n"));
    assertThat(written()).startsWith("SIP/2.0 400 Bad Request (Malformed Content-Length)\r\n");

    EmbeddedChannel other =
        new EmbeddedChannel(
            new StreamFraming(
                MAX,
                Duration.ofSeconds(10),
                new SipMetrics(new Meters(new SimpleMeterRegistry()))));
    other.writeInbound(
        Unpooled.copiedBuffer(
            request("", "Content-Length: 99999999999\r\n"), StandardCharsets.ISO_8859_1));
    ByteBuf answer = other.readOutbound();
    assertThat(answer.toString(StandardCharsets.ISO_8859_1))
        .startsWith("SIP/2.0 400 Bad Request (Malformed Content-Length)\r\n");
    answer.release();
  }

  @Test
  void aBodyBeyondTheLargestMessageGets513() {
    write(request("", "Content-Length: " + MAX + "\r\n"));
    assertThat(written()).startsWith("SIP/2.0 513 Message Too Large\r\n");
    closeAfterLinger();
  }

  @Test
  void aHeadWithoutEndBeyondTheLargestMessageGets513AndWhatFollowsIsDropped() {
    String head = request("", "X-Long: " + "x".repeat(MAX) + "\r\n");
    write(head.substring(0, MAX + 10));
    assertThat(written()).startsWith("SIP/2.0 513 Message Too Large\r\n");
    write(request(""));
    assertThat(read()).as("nothing is framed after a refusal").isNull();
    closeAfterLinger();
  }

  @Test
  void aMessageThatTricklesInSlowerThanTheMessageTimeoutClosesTheConnection() {
    write(request("").substring(0, 20));
    channel.advanceTimeBy(9, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isActive()).isTrue();
    channel.advanceTimeBy(2, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isActive()).isFalse();
  }

  @Test
  void aMessageThatArrivesInTimeCancelsItsTimeout() {
    String message = request("");
    write(message.substring(0, 20));
    channel.advanceTimeBy(9, TimeUnit.SECONDS);
    write(message.substring(20));
    assertThat(read()).isEqualTo(message);
    channel.advanceTimeBy(5, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isActive()).isTrue();
  }

  @Test
  void contentLengthIsReadFromHeadersOnlyNotTheStartLine() {
    byte[] head = "l: 4\r\nContent-Length: 7\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(StreamFraming.contentLength(head)).isEqualTo(7);
    assertThat(StreamFraming.contentLength("X\r\nContent-Lengthy: 3\r\n\r\n".getBytes()))
        .isEqualTo(StreamFraming.MISSING);
  }

  private void closeAfterLinger() {
    assertThat(channel.isActive()).as("open while the answer drains").isTrue();
    channel.advanceTimeBy(2, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertThat(channel.isActive()).isFalse();
  }
}
