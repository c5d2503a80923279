package io.voxhost.recording.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** RTP parsing of hostile datagrams: nothing but null for garbage, never a read past the end. */
class RtpPacketProperties {

  /** A datagram at an offset inside a larger buffer: a read past its end throws. */
  private static ByteBuf datagram(byte[] bytes, int offset) {
    byte[] big = new byte[offset + bytes.length + 16];
    Arrays.fill(big, (byte) 0x5a);
    System.arraycopy(bytes, 0, big, offset, bytes.length);
    return Unpooled.wrappedBuffer(big).slice(offset, bytes.length);
  }

  @Property(tries = 3000, seed = "13")
  void anyBytesParseToNullOrAPacketInsideTheDatagram(
      @ForAll @Size(max = 1600) byte[] bytes, @ForAll @IntRange(max = 7) int offset) {
    ByteBuf buf = datagram(bytes, offset);
    RtpPacket.Kind kind = RtpPacket.kind(buf);
    RtpPacket p = RtpPacket.parse(buf);
    if (p != null) {
      assertThat(kind).isNotEqualTo(RtpPacket.Kind.MALFORMED);
      assertThat(p.payloadOffset()).isBetween(12, bytes.length);
      assertThat(p.payloadLength()).isBetween(0, bytes.length - p.payloadOffset());
      assertThat(p.payloadType()).isBetween(0, 127);
    }
    assertThat(buf.readerIndex()).isZero();
  }

  @Property(tries = 1000, seed = "17")
  void aWellFormedPacketRoundTrips(@ForAll("packets") Built built) {
    RtpPacket p = RtpPacket.parse(datagram(built.bytes(), 3));
    assertThat(p).isNotNull();
    assertThat(p.payloadType()).isEqualTo(built.payloadType());
    assertThat(p.sequence()).isEqualTo(built.sequence());
    assertThat(p.timestamp()).isEqualTo(built.timestamp());
    assertThat(p.ssrc()).isEqualTo(built.ssrc());
    assertThat(
            Arrays.copyOfRange(
                built.bytes(), p.payloadOffset(), p.payloadOffset() + p.payloadLength()))
        .isEqualTo(built.payload());
  }

  record Built(
      int payloadType, int sequence, long timestamp, long ssrc, byte[] payload, byte[] bytes) {}

  @Provide
  Arbitrary<Built> packets() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 127),
            Arbitraries.integers().between(0, 65535),
            Arbitraries.longs().between(0, 0xffffffffL),
            Arbitraries.longs().between(0, 0xffffffffL),
            Arbitraries.integers().between(0, 15),
            Arbitraries.integers().between(-1, 8),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(400),
            Arbitraries.integers().between(0, 40))
        .as(RtpPacketProperties::build);
  }

  /** {@code extensionWords} -1: no extension; {@code padding} 0: no padding. */
  private static Built build(
      int pt,
      int seq,
      long ts,
      long ssrc,
      int csrcs,
      int extensionWords,
      byte[] payload,
      int padding) {
    ByteBuf b = Unpooled.buffer();
    b.writeByte(0x80 | (padding > 0 ? 0x20 : 0) | (extensionWords >= 0 ? 0x10 : 0) | csrcs);
    b.writeByte(pt);
    b.writeShort(seq);
    b.writeInt((int) ts);
    b.writeInt((int) ssrc);
    for (int i = 0; i < csrcs; i++) {
      b.writeInt(i);
    }
    if (extensionWords >= 0) {
      b.writeShort(0xbede);
      b.writeShort(extensionWords);
      b.writeZero(4 * extensionWords);
    }
    b.writeBytes(payload);
    if (padding > 0) {
      b.writeZero(padding - 1);
      b.writeByte(padding);
    }
    byte[] bytes = new byte[b.readableBytes()];
    b.readBytes(bytes);
    return new Built(pt, seq, ts, ssrc, payload, bytes);
  }
}
