package io.voxhost.tftp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.voxhost.platform.metrics.Meters;
import io.voxhost.tftp.codec.MalformedPacket;
import io.voxhost.tftp.codec.Option;
import io.voxhost.tftp.codec.TftpCodec;
import io.voxhost.tftp.codec.TftpPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The listener's decoder on an {@link EmbeddedChannel}: what it hands on and what it answers. */
class RequestDecoderTest {

  private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 40000);
  private static final InetSocketAddress LISTENER = new InetSocketAddress("192.0.2.1", 69);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new RequestDecoder(new TftpMetrics(new Meters(registry), () -> 0)));

  @AfterEach
  void leavesNothingBehind() {
    assertThat(channel.finish()).isFalse();
  }

  /** Sends {@code bytes} to the listener; returns their buffer, to check it was released. */
  private ByteBuf receive(byte[] bytes) {
    ByteBuf buffer = channel.alloc().buffer().writeBytes(bytes);
    channel.writeInbound(new DatagramPacket(buffer, LISTENER, CLIENT));
    return buffer;
  }

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  private double requests(String outcome) {
    return registry.get("voxhost_tftp_requests").tag("outcome", outcome).counter().count();
  }

  @Test
  void handsOnAReadRequestWithTheAddressItCameTo() {
    ByteBuf in = receive(bytes("\0\1tones/ring1.txt\0NetASCII\0blksize\0001428\0"));

    ReadRequestFrom request = channel.readInbound();

    assertThat(request)
        .isEqualTo(
            new ReadRequestFrom(
                CLIENT,
                LISTENER.getAddress(),
                new TftpPacket.ReadRequest(
                    "tones/ring1.txt", "netascii", List.of(new Option("blksize", "1428")))));
    assertThat(in.refCnt()).isZero();
    assertThat((Object) channel.readOutbound()).isNull();
  }

  static Stream<Arguments> notReadRequests() {
    return Stream.of(
        Arguments.of("bytes that are no packet", new byte[] {0, 9, 1, 2}, 4, "malformed"),
        Arguments.of("a single byte", new byte[] {7}, 4, "malformed"),
        Arguments.of("a request cut short", bytes("\0\1firmware.bin"), 4, "malformed"),
        Arguments.of("a write request", bytes("\0\2new.cfg\0octet\0"), 2, "write_refused"),
        Arguments.of("an ACK", bytes("\0\4\0\1"), 4, "malformed"),
        Arguments.of("a DATA block", bytes("\0\3\0\1data"), 4, "malformed"));
  }

  @ParameterizedTest(name = "{0} gets ERROR {2}")
  @MethodSource("notReadRequests")
  void answersWhatIsNoReadRequestAndHandsNothingOn(
      String what, byte[] bytes, int code, String outcome) throws MalformedPacket {
    ByteBuf in = receive(bytes);

    assertThat((Object) channel.readInbound()).isNull();
    assertThat(in.refCnt()).isZero();
    DatagramPacket answer = channel.readOutbound();
    try {
      assertThat(answer.recipient()).isEqualTo(CLIENT);
      TftpPacket error = TftpCodec.decode(answer.content());
      assertThat(error).isInstanceOf(TftpPacket.ErrorPacket.class);
      assertThat(((TftpPacket.ErrorPacket) error).code()).isEqualTo(code);
    } finally {
      answer.release();
    }
    assertThat(requests(outcome)).isEqualTo(1);
  }

  @Test
  void neverAnswersAnError() {
    ByteBuf in = receive(bytes("\0\5\0\0an error is never answered\0"));

    assertThat((Object) channel.readInbound()).isNull();
    assertThat((Object) channel.readOutbound()).isNull();
    assertThat(in.refCnt()).isZero();
  }
}
