package io.voxhost.tftp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TftpCodecTest {

  private static TftpPacket decode(byte[] bytes) throws MalformedPacket {
    return TftpCodec.decode(Unpooled.wrappedBuffer(bytes));
  }

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Property(tries = 3000)
  void arbitraryBytesDecodeToAPacketOrADeclaredError(@ForAll @Size(max = 700) byte[] bytes) {
    try {
      assertThat(decode(bytes)).isNotNull();
    } catch (MalformedPacket e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @Property(tries = 2000)
  void requestsWithArbitraryTailsDecodeOrFailDeclared(
      @ForAll @Size(max = 300) byte[] tail, @ForAll("opcodes") int opcode) {
    byte[] bytes = new byte[tail.length + 2];
    bytes[1] = (byte) opcode;
    System.arraycopy(tail, 0, bytes, 2, tail.length);
    try {
      decode(bytes);
    } catch (MalformedPacket expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Integer> opcodes() {
    return Arbitraries.integers().between(0, 7);
  }

  @Property(tries = 1000)
  void encodedPacketsDecodeToThemselves(@ForAll("packets") TftpPacket packet)
      throws MalformedPacket {
    ByteBuf encoded = TftpCodec.encode(packet, ByteBufAllocator.DEFAULT);
    try {
      TftpPacket decoded = TftpCodec.decode(encoded);
      if (packet instanceof TftpPacket.Data data) {
        TftpPacket.Data back = (TftpPacket.Data) decoded;
        assertThat(back.block()).isEqualTo(data.block());
        assertThat(back.payload()).isEqualTo(data.payload());
      } else {
        assertThat(decoded).isEqualTo(packet);
      }
    } finally {
      encoded.release();
    }
  }

  @Provide
  Arbitrary<TftpPacket> packets() {
    Arbitrary<String> text =
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40);
    Arbitrary<Integer> block = Arbitraries.integers().between(0, 65535);
    Arbitrary<List<Option>> options =
        Combinators.combine(text, text)
            .as(Option::new)
            .list()
            .ofMaxSize(4)
            .uniqueElements(o -> o.name().toLowerCase());
    return Arbitraries.oneOf(
        Combinators.combine(text, Arbitraries.of("octet", "netascii"), options)
            .as(TftpPacket.ReadRequest::new),
        Combinators.combine(text, Arbitraries.of("octet", "netascii"))
            .as(TftpPacket.WriteRequest::new),
        Combinators.combine(block, Arbitraries.bytes().array(byte[].class).ofMaxSize(600))
            .as(TftpPacket.Data::new),
        block.map(TftpPacket.Ack::new),
        Combinators.combine(Arbitraries.integers().between(0, 8), text)
            .as(TftpPacket.ErrorPacket::new),
        options.filter(o -> !o.isEmpty()).map(TftpPacket.OptionAck::new));
  }

  @Test
  void readsARequestWithOptionsKeepingTheClientsSpelling() throws MalformedPacket {
    TftpPacket packet =
        decode(bytes("\0\1SEP001122334455.cnf.xml\0OCTET\0BLKSIZE\0001428\0tsize\0000\0"));

    assertThat(packet)
        .isEqualTo(
            new TftpPacket.ReadRequest(
                "SEP001122334455.cnf.xml",
                "octet",
                List.of(new Option("BLKSIZE", "1428"), new Option("tsize", "0"))));
  }

  @Test
  void ignoresPaddingAndADanglingOptionNameAndRepeatedOptions() throws MalformedPacket {
    TftpPacket packet =
        decode(bytes("\0\1a.cfg\0octet\0blksize\0001024\0BlkSize\0008\0\0\0windowsize\0"));

    assertThat(((TftpPacket.ReadRequest) packet).options())
        .containsExactly(new Option("blksize", "1024"));
  }

  @Test
  void refusesUnterminatedStringsUnknownOpcodesAndLongRequests() {
    assertThatThrownBy(() -> decode(bytes("\0\1file")))
        .isInstanceOf(MalformedPacket.class)
        .hasMessage("File name not terminated");
    assertThatThrownBy(() -> decode(bytes("\0\1file\0octet")))
        .hasMessage("Transfer mode not terminated");
    assertThatThrownBy(() -> decode(bytes("\0\1\0octet\0"))).hasMessage("Empty file name");
    assertThatThrownBy(() -> decode(bytes("\0\u0009abc"))).hasMessage("Unknown opcode 9");
    assertThatThrownBy(() -> decode(bytes("\0"))).hasMessage("Packet too short");
    assertThatThrownBy(() -> decode(bytes("\0\4\0"))).hasMessage("ACK packet too short");
    assertThatThrownBy(() -> decode(bytes("\0\1" + "a".repeat(600) + "\0octet\0")))
        .hasMessage("Request longer than 512 octets");
  }

  @Test
  void anErrorWithoutItsNulStillReadsItsMessage() throws MalformedPacket {
    assertThat(decode(bytes("\0\5\0\1gone"))).isEqualTo(new TftpPacket.ErrorPacket(1, "gone"));
  }

  @Test
  void netasciiEndsLinesWithCrLfAndEscapesALoneCr() {
    assertThat(Netascii.encode(bytes("a\nb\rc\r\nd"))).isEqualTo(bytes("a\r\nb\r\0c\r\nd"));
  }
}
